select order_id, amount  -- expect: ML004
from {{ ref('finance', 'fct_payments') }}
