select sum(amount) as total
from {{ ref('stg_payments') }}
