select
    account_id,
    invoice_id,
    issued_on,
    amount,
    sum(amount) over w as running_amount,
    row_number() over w as invoice_seq
from {{ ref('e04_stg_invoices') }}
window w as (partition by account_id order by issued_on)
