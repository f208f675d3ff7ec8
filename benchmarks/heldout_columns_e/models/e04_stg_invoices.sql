select
    invoice_id,
    account_id,
    issued_on,
    due_on,
    {{ cents_to_dollars('amount_cents') }} as amount,
    currency,
    paid,
    due_on - issued_on as payment_terms_days
from {{ ref('invoices') }}
