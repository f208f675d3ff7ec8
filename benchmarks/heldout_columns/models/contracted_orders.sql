select status, amount, order_id, order_date from {{ ref('stg_orders') }}
