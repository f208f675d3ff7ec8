select
    customer_id,
    split_part(email, '@', 2) as email_domain,
    length(email) as email_length,
    upper(country) as country_code,
    coalesce(nullif(first_name, ''), 'unknown') as first_name
from {{ ref('customers') }}
