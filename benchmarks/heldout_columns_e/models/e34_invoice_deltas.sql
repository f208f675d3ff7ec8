select
    invoice_id,
    account_id,
    amount,
    lag(amount) over (partition by account_id order by issued_on) as prev_amount,
    lead(issued_on) over (partition by account_id order by issued_on) as next_issued_on,
    amount - lag(amount, 1, 0) over (partition by account_id order by issued_on) as amount_change
from {{ ref('e04_stg_invoices') }}
