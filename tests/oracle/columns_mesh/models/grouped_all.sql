{{ config(materialized='incremental', unique_key='product_id') }}
-- group by all, having, qualify; incremental (the first build creates a table)
with per_day as (
    select
        product_id,
        event_date,
        sum(qty) as qty,
        max(amount) as max_amount
    from {{ ref('stg_events') }}
    {% if is_incremental() %}
    where event_date > (select max(event_date) from {{ this }})
    {% endif %}
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
