select
    meter_id,
    interval_start::date as usage_date,
    sum(import_kwh) as import_kwh,
    sum(export_kwh) as export_kwh,
    sum(net_kwh) as net_kwh,
    count(*) as interval_count,
    count(*) filter (where export_kwh > 0) as exporting_intervals,
    max(voltage),
    min(voltage)
from {{ ref('h06_stg_interval_data') }}
group by 1, 2
