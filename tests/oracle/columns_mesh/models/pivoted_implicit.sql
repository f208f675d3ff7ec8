-- a PIVOT without GROUP BY groups by every other column of its source
with events as (select product_id, event_type, qty from {{ ref('raw_events') }})
pivot events on event_type in ('view', 'purchase') using sum(qty)
