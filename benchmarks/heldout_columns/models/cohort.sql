with first_orders as (
    select customer_id, min(order_date) as cohort_date from {{ ref('stg_orders') }} group by customer_id
)
select
    date_trunc('month', cohort_date) as cohort_month,
    count(*) as customers
from first_orders
group by 1
