{{ config(materialized='table') }}

select
    p.patient_id,
    p.age_years,
    pl.metal_tier,
    p.sex,
    pl.plan_name
from {{ ref('g01_stg_patients') }} as p
left join {{ ref('plans') }} as pl using (plan_id)
