select
    account_id,
    count(*) filter (where paid) as paid_invoices,
    count(*) filter (where not paid) as unpaid_invoices,
    sum(amount) filter (where not paid) as outstanding
from {{ ref('e04_stg_invoices') }}
group by account_id
