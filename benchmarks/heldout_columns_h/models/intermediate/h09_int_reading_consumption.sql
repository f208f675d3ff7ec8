select
    meter_id,
    read_at,
    register_kwh,
    lag(register_kwh) over w as previous_register_kwh,
    register_kwh - lag(register_kwh) over w as consumption_kwh,
    lag(read_at) over w as previous_read_at,
    row_number() over w as reading_seq
from {{ ref('h05_stg_readings') }}
window w as (partition by meter_id order by read_at)
