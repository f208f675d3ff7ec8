select
    origin_code,
    flight_date,
    dayname(flight_date) as weekday_name,
    isodow(flight_date) as iso_weekday,
    strftime(flight_date, '%G-W%V') as iso_week,
    count(*) as departures,
    count(*) filter (where is_cancelled) as cancellations,
    extract(hour from min(scheduled_departure)) as first_departure_hour
from {{ ref('i03_stg_flights') }}
group by origin_code, flight_date
