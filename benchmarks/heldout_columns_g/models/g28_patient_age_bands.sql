select
    patient_id,
    case
        when age_years < 18 then 'pediatric'
        when age_years < 65 then 'adult'
        else 'senior'
    end as age_band,
    extract(year from birth_date),
    age_years >= 65 as medicare_eligible
from {{ ref('g01_stg_patients') }}
