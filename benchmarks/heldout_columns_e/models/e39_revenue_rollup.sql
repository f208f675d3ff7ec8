select
    currency,
    paid,
    sum(amount) as total,
    count(*) as invoices
from {{ ref('e04_stg_invoices') }}
group by rollup (currency, paid)
