select customer_id, coalesce(country, email, 'n/a'), ifnull(first_name, '?') from {{ ref('customers') }}
