select
    booking_ref,
    count(*) as segment_count,
    sum(fare) as fare_total,
    min(flight_id),
    max(checked_bags) as max_bags,
    string_agg(cabin, ',' order by flight_id) as cabins,
    bool_or(cabin in ('business', 'first')) as has_premium_cabin
from {{ ref('i06_stg_tickets') }}
group by booking_ref
