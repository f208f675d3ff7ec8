select event_id, customer_id, event_type, occurred_at, cast(occurred_at as date) as event_date
from {{ ref('events') }}
