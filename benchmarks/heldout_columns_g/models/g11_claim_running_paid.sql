select
    patient_id,
    claim_id,
    service_date,
    paid_amount,
    sum(paid_amount) over (partition by patient_id order by service_date rows between unbounded preceding and current row) as running_paid,
    lag(service_date) over (partition by patient_id order by service_date) as previous_service_date,
    row_number() over (partition by patient_id order by service_date)
from {{ ref('g03_stg_claims') }}
