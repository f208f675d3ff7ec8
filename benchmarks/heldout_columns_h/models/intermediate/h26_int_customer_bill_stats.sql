select
    customer_id,
    count(*) as bill_count,
    sum(bill_amount) as total_billed,
    avg(bill_amount) as avg_bill,
    arg_max(bill_status, period_start) as latest_status,
    max(period_end) as last_period_end,
    list(bill_id order by period_start) as bill_ids,
    string_agg(bill_status, ',' order by period_start) as status_history,
    bool_or(bill_status = 'overdue') as has_overdue
from {{ ref('h07_stg_bills') }}
group by customer_id
