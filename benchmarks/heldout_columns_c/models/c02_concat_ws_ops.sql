select customer_id, concat_ws(' ', first_name, last_name) || ' <' || email || '>'
from {{ ref('customers') }}
