with claims as (
    select * from {{ ref('g03_stg_claims') }}
),
patients as (
    select patient_id, sex, age_years, plan_id from {{ ref('g01_stg_patients') }}
),
providers as (
    select * from {{ ref('g02_stg_providers') }}
)

select
    claims.*,
    patients.sex,
    patients.age_years,
    providers.specialty,
    providers.in_network
from claims
join patients using (patient_id)
left join providers on claims.provider_npi = providers.npi
