select order_id, (select max(amount) from {{ ref('orders') }}) as max_amount from {{ ref('orders') }}
