select customer_id, coalesce(country, 'XX'), lower(email) from {{ ref('customers') }}
