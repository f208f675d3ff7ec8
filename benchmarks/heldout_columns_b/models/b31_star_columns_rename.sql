select * rename (customer_id as id, email as mail) from {{ ref('customers') }}
