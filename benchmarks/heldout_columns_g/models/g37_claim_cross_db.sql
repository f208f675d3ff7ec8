select
    claim_id,
    {{ dbt.datediff('service_date', 'received_at', 'day') }} as days_to_receipt,
    {{ dbt.date_trunc('week', 'service_date') }} as service_week,
    {{ dbt.concat(['claim_type', "'-'", 'claim_status']) }} as claim_key,
    {{ dbt.hash('provider_npi') }} as provider_hash
from {{ ref('g03_stg_claims') }}
