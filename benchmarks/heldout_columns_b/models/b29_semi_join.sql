select * from {{ ref('customers') }} semi join {{ ref('orders') }} using (customer_id)
