select
    i.meter_id,
    b.band_name,
    sum(i.import_kwh) as band_import_kwh,
    count(*) as intervals
from {{ ref('h06_stg_interval_data') }} as i
join {{ ref('h15_int_time_bands') }} as b
    on i.hour_of_day >= b.start_hour and i.hour_of_day < b.end_hour
group by all
