select email, customer_id from {{ ref('stg_customers') }}
