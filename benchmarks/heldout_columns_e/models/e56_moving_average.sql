select
    account_id,
    issued_on,
    avg(amount) over (
        partition by account_id
        order by issued_on
        rows between 2 preceding and current row
    ) as moving_avg_amount
from {{ ref('e04_stg_invoices') }}
