select
    a.*,
    s.* exclude (account_id)
from {{ ref('e01_stg_accounts') }} as a
join {{ ref('e03_stg_subscriptions') }} as s on a.account_id = s.account_id
