select meter_id, read_at as observed_at, register_kwh as value_kwh, 'register' as read_source
from {{ ref('h05_stg_readings') }}

union all

select meter_id, interval_start, import_kwh, 'interval'
from {{ ref('h06_stg_interval_data') }}
