select
    claim_id,
    diagnosis_list[1] as primary_dx,
    len(diagnosis_list) as dx_count,
    list_contains(diagnosis_list, 'I10') as has_hypertension,
    diagnosis_list[2]
from {{ ref('g03_stg_claims') }}
