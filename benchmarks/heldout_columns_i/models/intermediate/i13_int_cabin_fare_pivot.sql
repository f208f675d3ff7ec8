with fares as (
    select flight_id, cabin, fare
    from {{ ref('i06_stg_tickets') }}
)

select *
from fares
pivot (
    sum(fare) for cabin in ('economy', 'premium', 'business', 'first')
)
