select
    meter_id,
    interval_start,
    interval_start + interval 30 minute as interval_end,
    date_trunc('hour', interval_start) as interval_hour,
    hour(interval_start) as hour_of_day,
    import_kwh,
    export_kwh,
    import_kwh - export_kwh as net_kwh,
    voltage
from {{ source('scada', 'interval_data') }}
where interval_start >= timestamp '2025-01-01'
