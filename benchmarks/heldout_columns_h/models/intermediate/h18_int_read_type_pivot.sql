pivot {{ ref('h05_stg_readings') }}
on read_type in ('actual', 'estimated')
using count(*)
group by meter_id
