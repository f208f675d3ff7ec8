with flights as (
    select * from {{ ref('i03_stg_flights') }}
    where not is_cancelled
)

select
    flight_id,
    flight_number,
    flight_date,
    departure_delay_min,
    arrival_delay_min,
    case
        when arrival_delay_min is null then 'in_air'
        when arrival_delay_min <= 0 then 'early'
        when arrival_delay_min < 15 then 'on_time'
        when arrival_delay_min < 60 then 'late'
        else 'very_late'
    end as delay_band,
    lag(arrival_delay_min) over (partition by flight_number order by flight_date) as previous_arrival_delay_min,
    avg(arrival_delay_min) over (partition by flight_number) as avg_arrival_delay_min
from flights
