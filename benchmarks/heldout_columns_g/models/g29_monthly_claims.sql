select
    date_trunc('month', service_date),
    claim_type,
    count(*),
    sum(paid_amount)
from {{ ref('g03_stg_claims') }}
group by all
order by 1, 2
