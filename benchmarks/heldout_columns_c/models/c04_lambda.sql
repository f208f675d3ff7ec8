select customer_id, list_transform([1, 2], x -> x * customer_id) from {{ ref('customers') }}
