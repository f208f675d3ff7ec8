select
    booking_ref,
    passenger_id,
    booked_at,
    {{ dbt.date_trunc('month', 'booked_at') }} as booking_month,
    lower(channel) as channel,
    cast(total_fare as decimal(12, 2)) as total_fare,
    upper(currency) as currency,
    booking_status,
    coalesce(promo_code, 'NONE') as promo_code,
    promo_code is not null as has_promo
from {{ ref('bookings') }}
where booking_ref is not null
