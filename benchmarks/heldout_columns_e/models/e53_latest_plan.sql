select
    account_id,
    arg_max(plan_id, start_date) as latest_plan,
    max(start_date) as latest_start,
    bool_or(is_active) as has_active
from {{ ref('e03_stg_subscriptions') }}
group by account_id
