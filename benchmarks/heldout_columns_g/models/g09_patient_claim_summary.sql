select
    patient_id,
    {{ status_counts(['paid', 'denied', 'open']) }},
    min(service_date) as first_service_date,
    max(service_date) as last_service_date,
    sum(paid_amount) filter (where claim_status = 'paid') as total_paid,
    avg(billed_amount)
from {{ ref('g03_stg_claims') }}
group by all
