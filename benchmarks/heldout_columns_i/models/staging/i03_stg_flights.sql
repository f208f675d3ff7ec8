with flights as (
    select * from {{ ref('flights') }}
)

select
    flight_id,
    upper(flight_number) as flight_number,
    origin as origin_code,
    destination as destination_code,
    aircraft_code,
    cast(scheduled_departure as date) as flight_date,
    scheduled_departure,
    scheduled_arrival,
    actual_departure,
    actual_arrival,
    {{ dbt.datediff('scheduled_departure', 'actual_departure', 'minute') }} as departure_delay_min,
    {{ dbt.datediff('scheduled_arrival', 'actual_arrival', 'minute') }} as arrival_delay_min,
    lower(status) as flight_status,
    lower(status) = 'cancelled' as is_cancelled
from flights
