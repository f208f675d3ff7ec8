select
    invoice_id,
    amount,
    case
        when amount >= 400 then 'large'
        when amount >= 50 then 'medium'
        else 'small'
    end as size_bucket,
    case when paid then 'paid' else 'open' end as payment_state
from {{ ref('e04_stg_invoices') }}
