select order_id, amount::integer, order_date::varchar, status::text from {{ ref('orders') }}
