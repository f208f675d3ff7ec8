-- window functions
select
    event_id,
    row_number() over (partition by product_id order by event_date) as event_seq,
    rank() over (order by qty desc) as qty_rank,
    dense_rank() over (order by event_date) as date_rank,
    ntile(2) over (order by event_id) as half,
    lag(amount) over (partition by product_id order by event_id) as previous_amount,
    lead(event_date, 1) over (order by event_id) as next_date,
    first_value(event_type) over (partition by product_id order by event_id) as first_type,
    sum(qty) over (partition by product_id) as product_qty,
    sum(amount) over (order by event_id rows between unbounded preceding and current row) as running_amount,
    avg(qty) over (partition by product_id) as avg_qty,
    count(*) over () as EventCount,
    percent_rank() over (order by amount) as amount_pct
from {{ ref('stg_events') }}
