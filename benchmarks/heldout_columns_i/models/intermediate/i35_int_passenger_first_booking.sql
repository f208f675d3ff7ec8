select
    passenger_id,
    booking_ref as first_booking_ref,
    booked_at as first_booked_at,
    channel as first_channel
from {{ ref('i05_stg_bookings') }}
qualify row_number() over (partition by passenger_id order by booked_at) = 1
