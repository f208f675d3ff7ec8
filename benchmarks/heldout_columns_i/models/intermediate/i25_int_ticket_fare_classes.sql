with fare_classes as (
    select *
    from (values
        ('F', 'first', 1, true),
        ('J', 'business', 2, true),
        ('W', 'premium', 3, true),
        ('Y', 'economy', 4, true),
        ('M', 'economy', 5, false),
        ('V', 'economy', 6, false),
        ('Q', 'economy', 7, false)
    ) as fc (fare_class, cabin_family, fare_rank, is_refundable)
)

select
    t.ticket_id,
    t.fare_class,
    fc.cabin_family,
    fc.fare_rank,
    fc.is_refundable
from {{ ref('i06_stg_tickets') }} as t
left join fare_classes as fc using (fare_class)
