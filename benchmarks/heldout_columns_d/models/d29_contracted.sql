select email, country, customer_id from {{ ref('customers') }}
