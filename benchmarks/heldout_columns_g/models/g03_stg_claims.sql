with src as (
    select * from {{ ref('claims') }}
)

select
    claim_id,
    patient_id,
    provider_npi,
    service_date,
    received_at,
    claim_type,
    billed_amount,
    allowed_amount,
    paid_amount,
    case status
        when 'paid' then 'paid'
        when 'denied' then 'denied'
        else 'open'
    end as claim_status,
    string_split(diagnosis_codes, '|') as diagnosis_list,
    diagnosis_codes
from src
where claim_id is not null
