select o.*, c.* from {{ ref('orders') }} o join {{ ref('customers') }} c on c.customer_id = o.customer_id
