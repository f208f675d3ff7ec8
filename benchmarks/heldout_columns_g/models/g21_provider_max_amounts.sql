select provider_npi, max(columns('.*_amount'))
from {{ ref('g03_stg_claims') }}
group by provider_npi
