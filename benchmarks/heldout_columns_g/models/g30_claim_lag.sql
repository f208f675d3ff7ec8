select
    claim_id,
    date_diff('day', service_date, received_at::date) as lag_days,
    strftime(service_date, '%Y-%m') as service_month,
    dayname(service_date),
    received_at::date,
    service_date + interval 90 day as timely_filing_deadline
from {{ ref('g03_stg_claims') }}
