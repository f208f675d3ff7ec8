with usage as (
    select customer_id, sum(import_kwh) as import_kwh, sum(export_kwh) as export_kwh
    from {{ ref('h35_fct_daily_usage') }}
    group by customer_id
),

billing as (
    select * from {{ ref('h26_int_customer_bill_stats') }}
)

select
    c.*,
    u.import_kwh,
    u.export_kwh,
    b.bill_count,
    b.total_billed,
    b.has_overdue
from {{ ref('h33_dim_customers') }} as c
left join usage as u on u.customer_id = c.customer_id
left join billing as b on b.customer_id = c.customer_id
