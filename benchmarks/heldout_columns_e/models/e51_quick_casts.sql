select
    invoice_id::varchar,
    cast(amount as integer),
    issued_on
from {{ ref('e04_stg_invoices') }}
