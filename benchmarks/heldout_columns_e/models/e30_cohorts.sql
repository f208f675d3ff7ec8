with accounts as (
    select account_id, {{ month_start('created_at') }} as cohort_month
    from {{ ref('e01_stg_accounts') }}
),

invoices as (
    select account_id, {{ month_start('issued_on') }} as invoice_month, amount
    from {{ ref('e04_stg_invoices') }}
)

select
    a.cohort_month,
    i.invoice_month,
    datediff('month', a.cohort_month, i.invoice_month) as months_since_signup,
    sum(i.amount) as revenue
from accounts as a
join invoices as i on a.account_id = i.account_id
group by 1, 2, 3
