with prices (ancillary, price_gbp) as (
    values
        ('meal', 15.00),
        ('wifi', 8.00),
        ('lounge', 45.00),
        ('fast_track', 12.00),
        ('seat_select', 20.00),
        ('chauffeur', 120.00)
)

select
    a.ancillary,
    count(*) as times_sold,
    count(distinct a.booking_ref) as bookings,
    sum(coalesce(p.price_gbp, 0)) as est_revenue_gbp
from {{ ref('i29_int_ticket_ancillaries') }} as a
left join prices as p using (ancillary)
group by a.ancillary
