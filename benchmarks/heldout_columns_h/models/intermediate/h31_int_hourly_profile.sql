select
    hour_of_day,
    count(distinct meter_id) as meters,
    avg(import_kwh) as avg_import_kwh,
    median(import_kwh) as median_import_kwh,
    quantile_cont(import_kwh, 0.9) as p90_import_kwh,
    stddev_samp(voltage) as voltage_stddev,
    sum(export_kwh) filter (where export_kwh > 0) as total_export_kwh
from {{ ref('h06_stg_interval_data') }}
group by hour_of_day
