select order_id, year(order_date), date_trunc('week', order_date) from {{ ref('stg_orders') }}
