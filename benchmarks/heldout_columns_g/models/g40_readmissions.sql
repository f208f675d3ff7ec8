select
    a.patient_id,
    a.claim_id,
    b.claim_id,
    b.service_date - a.service_date as days_between
from {{ ref('g03_stg_claims') }} as a
join {{ ref('g03_stg_claims') }} as b
    on a.patient_id = b.patient_id
    and b.service_date > a.service_date
    and b.service_date <= a.service_date + 30
where a.claim_type = 'institutional'
