select
    claim_id,
    {'billed': billed_amount, 'allowed': allowed_amount, 'paid': paid_amount} as amounts,
    struct_pack(npi := provider_npi, kind := claim_type) as provider_info
from {{ ref('g03_stg_claims') }}
