select *
from {{ ref('e06_stg_users') }}
join {{ ref('e01_stg_accounts') }} using (account_id)
