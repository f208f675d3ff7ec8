select
    passenger_id,
    booked_at as touched_at,
    'booking' as touchpoint,
    channel
from {{ ref('i05_stg_bookings') }}

union all by name

select
    passenger_id,
    event_ts as touched_at,
    'loyalty' as touchpoint,
    event_channel as channel,
    event_type
from {{ ref('i08_stg_loyalty_events') }}
