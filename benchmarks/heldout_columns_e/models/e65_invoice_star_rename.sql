select * rename (amount as amount_usd, issued_on as invoice_date)
from {{ ref('e04_stg_invoices') }}
where currency = 'USD'
