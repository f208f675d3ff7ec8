select customer_id, event_type, occurred_at from {{ ref('stg_events') }}
union all by name
select customer_id, 'order' as event_type, order_date as event_day from {{ ref('stg_orders') }}
