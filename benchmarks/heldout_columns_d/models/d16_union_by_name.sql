select customer_id, email as contact from {{ ref('customers') }}
union all by name
select customer_id, channel from {{ ref('orders') }}
