select meter_id from {{ ref('h03_stg_meters') }}
except
select meter_id from {{ ref('h05_stg_readings') }} where read_at >= timestamp '2025-03-01'
