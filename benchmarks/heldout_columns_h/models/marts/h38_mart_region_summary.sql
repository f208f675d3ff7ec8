select
    region,
    count(distinct customer_id) as customers,
    count(distinct meter_id) as meters,
    sum(import_kwh) as import_kwh,
    sum(export_kwh) as export_kwh,
    round(sum(export_kwh) / nullif(sum(import_kwh), 0), 4) as export_ratio
from {{ ref('h35_fct_daily_usage') }}
group by region
order by region
