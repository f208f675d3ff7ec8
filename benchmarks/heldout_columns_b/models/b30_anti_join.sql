select c.* from {{ ref('customers') }} c anti join {{ ref('orders') }} o on o.customer_id = c.customer_id
