-- group by all, having, qualify
with per_day as (
    select
        product_id,
        event_date,
        sum(qty) as qty,
        max(amount) as max_amount
    from {{ ref('stg_events') }}
    group by all
    having sum(qty) > 0
)

select
    product_id,
    event_date,
    qty,
    max_amount
from per_day
qualify row_number() over (partition by product_id order by event_date desc) = 1
