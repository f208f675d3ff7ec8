select order_id, case when amount > 50 then 'high' else 'low' end
from {{ ref('stg_orders') }}
