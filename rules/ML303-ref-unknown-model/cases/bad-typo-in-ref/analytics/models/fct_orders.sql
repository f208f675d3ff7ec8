select order_id, customer_id, status
from {{ ref('stg_ordres') }}  -- expect: ML303
