with tiers as (
    select * from (values ('bronze', 0.60), ('silver', 0.70), ('gold', 0.80)) as t(metal_tier, actuarial_value)
)

select plans.plan_id, plans.plan_name, tiers.*
from {{ ref('plans') }} as plans
left join tiers on plans.metal_tier = tiers.metal_tier
