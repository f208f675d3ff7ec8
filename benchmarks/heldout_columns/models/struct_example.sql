select
    customer_id,
    {'name': full_name, 'email': email} as contact,
    [customer_id, customer_id + 1] as ids
from {{ ref('stg_customers') }}
