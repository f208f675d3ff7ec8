select meter_id, usage_date, net_kwh, 'interval' as basis
from {{ ref('h10_int_meter_daily') }}

union all by name

select 'register' as basis, meter_id, read_at::date as usage_date, consumption_kwh as net_kwh, reading_seq
from {{ ref('h09_int_reading_consumption') }}
