select
    claim_id,
    amounts.billed,
    amounts['paid'] as paid,
    provider_info.npi as npi,
    amounts.*
from {{ ref('g14_claim_amounts_struct') }}
