select customer_id, regexp_extract(email, '@(.*)$', 1), regexp_matches(email, 'example')
from {{ ref('customers') }}
