select *
from {{ ref('g03_stg_claims') }}
qualify row_number() over (partition by patient_id order by service_date desc, claim_id desc) = 1
