select
    flight_id,
    flight_number,
    columns('^scheduled_')
from {{ ref('i03_stg_flights') }}
where not is_cancelled
