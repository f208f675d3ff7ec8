select
    claim_id,
    patient_id,
    unnest(diagnosis_list) as diagnosis_code
from {{ ref('g03_stg_claims') }}
