select * exclude (diagnosis_codes, diagnosis_list) replace (upper(claim_status) as claim_status)
from {{ ref('g03_stg_claims') }}
