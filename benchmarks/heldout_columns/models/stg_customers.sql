with source as (select * from {{ ref('customers') }})
select
    customer_id,
    first_name || ' ' || last_name as full_name,
    lower(email) as email,
    signup_date,
    country,
    is_active
from source
