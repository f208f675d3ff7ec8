with providers as (
    select npi as provider_npi, specialty, state from {{ ref('g02_stg_providers') }}
)

select *
from {{ ref('g03_stg_claims') }}
join providers using (provider_npi)
