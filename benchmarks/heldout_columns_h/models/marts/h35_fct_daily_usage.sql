{{ config(materialized='table') }}

with daily as (
    select * from {{ ref('h10_int_meter_daily') }}
),

meters as (
    select meter_id, customer_id, region from {{ ref('h34_dim_meters') }}
)

select
    d.meter_id,
    m.customer_id,
    m.region,
    d.usage_date,
    d.import_kwh,
    d.export_kwh,
    d.net_kwh,
    d.net_kwh < 0 as is_net_exporter
from daily as d
left join meters as m on m.meter_id = d.meter_id
