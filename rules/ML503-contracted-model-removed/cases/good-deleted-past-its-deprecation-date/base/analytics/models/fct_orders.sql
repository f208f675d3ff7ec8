select order_id, status, cast(amount as decimal(10, 2)) as amount from {{ ref('stg_orders') }}
