select *
from {{ ref('e04_stg_invoices') }} as i
join {{ ref('e01_stg_accounts') }} as a on i.account_id = a.account_id
