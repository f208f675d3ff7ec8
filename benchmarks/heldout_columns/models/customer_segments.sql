{{ config(materialized='table') }}
select
    customer_id,
    case
        when lifetime_value >= 100 then 'gold'
        when lifetime_value >= 50 then 'silver'
        else 'bronze'
    end as segment,
    order_count
from {{ ref('customer_orders') }}
