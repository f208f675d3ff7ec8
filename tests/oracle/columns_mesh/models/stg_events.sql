{{ config(materialized='table') }}
-- casts of a seed whose types dbt infers from its values; event_type is left as is
select
    cast(event_id as integer) as event_id,
    product_id::integer as product_id,
    event_type,
    cast(event_date as date) as event_date,
    qty::bigint as qty,
    amount::decimal(12, 2) as amount
from {{ ref('raw_events') }}
