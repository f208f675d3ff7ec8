select customer_id, event_type, count(*) as n_events
from {{ ref('stg_events') }}
group by customer_id, event_type
having count(*) > 0
