-- DuckDB's simplified PIVOT statement with a literal IN list
pivot {{ ref('raw_events') }}
on event_type in ('view', 'purchase')
using sum(qty) as total_qty, count(*) as n
group by product_id
