select
    flight_number,
    max(columns('.*_delay_min')),
    count(*) as flights_operated
from {{ ref('i03_stg_flights') }}
group by flight_number
