select
    {{ surrogate_key(['account_id', 'plan_id']) }} as account_plan_key,
    subscription_id,
    account_id,
    plan_id
from {{ ref('e03_stg_subscriptions') }}
