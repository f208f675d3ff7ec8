select
    aircraft_code,
    replace(seat_class, 'seats_', '') as cabin,
    seat_count
from (
    select aircraft_code, seats_economy, seats_premium, seats_business, seats_first
    from {{ ref('i02_stg_aircraft') }}
) unpivot (
    seat_count for seat_class in (seats_economy, seats_premium, seats_business, seats_first)
)
where seat_count > 0
