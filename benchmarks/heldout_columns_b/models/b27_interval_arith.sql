select event_id, occurred_at + interval '1 hour' as later, occurred_at::date as day from {{ ref('events') }}
