{{ config(materialized='incremental', unique_key='view_id') }}
select view_id, account_id, viewed_at, device
from {{ ref('e05_stg_page_views') }}
{% if is_incremental() %}
where viewed_at > (select max(viewed_at) from {{ this }})
{% endif %}
