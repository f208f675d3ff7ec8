select order_id, amount from {{ ref('stg_orders') }}
union by name
select amount, order_id from {{ ref('stg_orders') }}
