{{ config(materialized='ephemeral') }}
select user_id, account_id, last_seen_at
from {{ ref('e06_stg_users') }}
where last_seen_at >= timestamp '2024-05-01'
