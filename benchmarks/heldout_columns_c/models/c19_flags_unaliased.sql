select customer_id, is_active and country = 'PT', email like '%@example.com', signup_date >= date '2024-02-01'
from {{ ref('customers') }}
