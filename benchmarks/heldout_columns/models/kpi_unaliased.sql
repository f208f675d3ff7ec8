select count(*), sum(amount), max(order_date) from {{ ref('stg_orders') }}
