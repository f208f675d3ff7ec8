with passengers as (
    select * from {{ ref('i04_stg_passengers') }}
),

bookings as (
    select * from {{ ref('i05_stg_bookings') }}
),

miles as (
    select * from {{ ref('i31_int_loyalty_miles') }}
)

select
    passengers.passenger_id,
    passengers.full_name,
    passengers.loyalty_tier,
    count(distinct bookings.booking_ref) as bookings,
    coalesce(sum(bookings.total_fare) filter (where bookings.booking_status = 'ticketed'), 0) as lifetime_fare,
    coalesce(max(miles.miles_earned), 0) as miles_earned,
    ntile(3) over (order by coalesce(sum(bookings.total_fare), 0) desc) as value_tercile
from passengers
left join bookings using (passenger_id)
left join miles using (passenger_id)
group by all
