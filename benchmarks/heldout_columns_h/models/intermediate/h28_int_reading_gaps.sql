select
    meter_id,
    read_at,
    lead(read_at) over (partition by meter_id order by read_at) as next_read_at,
    {{ dbt.datediff('read_at', 'lead(read_at) over (partition by meter_id order by read_at)', 'day') }} as days_to_next_read
from {{ ref('h05_stg_readings') }}
