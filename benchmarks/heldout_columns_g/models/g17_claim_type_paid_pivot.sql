select *
from (
    select provider_npi, claim_type, paid_amount from {{ ref('g03_stg_claims') }}
) pivot (
    sum(paid_amount) for claim_type in ('professional', 'institutional', 'pharmacy')
)
