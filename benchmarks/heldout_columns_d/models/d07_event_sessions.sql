select
    customer_id,
    event_type,
    occurred_at,
    lag(occurred_at) over (partition by customer_id order by occurred_at) as previous_at,
    datediff('minute', lag(occurred_at) over (partition by customer_id order by occurred_at), occurred_at) as gap_minutes
from {{ ref('events') }}
