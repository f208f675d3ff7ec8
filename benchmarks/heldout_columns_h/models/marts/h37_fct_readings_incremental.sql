{{ config(materialized='incremental', unique_key='reading_id') }}

select
    reading_id,
    meter_id,
    read_at,
    register_kwh,
    is_estimated,
    current_timestamp as loaded_at
from {{ ref('h05_stg_readings') }}
{% if is_incremental() %}
where read_at > (select max(read_at) from {{ this }})
{% endif %}
