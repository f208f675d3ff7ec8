select
    provider_npi as npi,
    trim(provider_name) as provider_name,
    lower(specialty) as specialty,
    state,
    coalesce(is_in_network, false) as in_network
from {{ ref('providers') }}
