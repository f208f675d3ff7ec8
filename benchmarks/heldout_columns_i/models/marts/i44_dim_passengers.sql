with passengers as (
    select * from {{ ref('i04_stg_passengers') }}
),

first_booking as (
    select * from {{ ref('i35_int_passenger_first_booking') }}
)

select
    passengers.passenger_id,
    passengers.full_name,
    passengers.email,
    passengers.loyalty_tier,
    first_booking.first_booked_at,
    first_booking.first_channel,
    passengers.registered_at::date as registered_on
from passengers
left join first_booking using (passenger_id)
