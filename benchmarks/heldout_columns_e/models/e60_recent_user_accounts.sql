select r.user_id, a.account_name, r.last_seen_at
from {{ ref('e59_recent_users') }} as r
join {{ ref('e01_stg_accounts') }} as a on a.account_id = r.account_id
