with seats as (
    select aircraft_code, total_seats
    from {{ ref('i02_stg_aircraft') }}
),

sold as (
    select flight_id, count(*) as seats_sold
    from {{ ref('i06_stg_tickets') }}
    group by 1
)

select
    f.flight_id,
    f.flight_number,
    f.aircraft_code,
    seats.total_seats,
    coalesce(sold.seats_sold, 0) as seats_sold,
    round(coalesce(sold.seats_sold, 0) / seats.total_seats, 4) as load_factor
from {{ ref('i03_stg_flights') }} as f
inner join seats using (aircraft_code)
left join sold using (flight_id)
