select customer_id, customer_id, email from {{ ref('customers') }}
