select customer_id, concat(first_name, last_name), left(country, 1) from {{ ref('customers') }}
