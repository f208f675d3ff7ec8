select
    mm.patient_id,
    count(distinct mm.month_start) as member_months,
    any_value(pl.metal_tier) as metal_tier,
    bool_or(mm.plan_id <> p.plan_id) as switched_plan
from {{ ref('g05_stg_member_months') }} as mm
join {{ ref('g01_stg_patients') }} as p on mm.patient_id = p.patient_id
left join {{ ref('plans') }} as pl on mm.plan_id = pl.plan_id
group by mm.patient_id
