select order_id as "OrderId", amount as Amount, status from {{ ref('stg_orders') }}
