select customer_id, upper(substr(first_name, 1, 1)) || lower(last_name), round(length(email) / 2.0, 1)
from {{ ref('customers') }}
