select *
from {{ ref('stg_events') }}
qualify row_number() over (partition by customer_id order by occurred_at desc) = 1
