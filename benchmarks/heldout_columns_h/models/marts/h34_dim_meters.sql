{{ config(materialized='table') }}

select
    m.meter_id,
    m.meter_type,
    s.site_id,
    s.customer_id,
    s.region,
    m.install_date,
    m.is_smart,
    m.firmware_version
from {{ ref('h03_stg_meters') }} as m
join {{ ref('h02_stg_sites') }} as s on s.site_id = m.site_id
