select *
from {{ ref('e04_stg_invoices') }}
qualify row_number() over (partition by account_id order by issued_on desc) = 1
