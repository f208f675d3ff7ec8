select customer_id, trim(lower(email)) as email_clean, regexp_replace(first_name, '[^a-zA-Z]', '', 'g') as first_name_clean
from {{ ref('customers') }}
