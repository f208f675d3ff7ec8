select
    s.account_id,
    s.subscription_id,
    p.plan_name,
    p.monthly_price,
    s.start_date,
    s.end_date
from {{ ref('e03_stg_subscriptions') }} as s
join {{ ref('e02_stg_plans') }} as p using (plan_id)
