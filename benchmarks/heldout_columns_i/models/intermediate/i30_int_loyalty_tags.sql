select
    event_id,
    passenger_id,
    unnest(tags)
from {{ ref('i08_stg_loyalty_events') }}
