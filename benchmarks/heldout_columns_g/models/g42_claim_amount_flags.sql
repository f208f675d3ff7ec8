select
    claim_id,
    coalesce(allowed_amount, billed_amount),
    greatest(billed_amount - coalesce(allowed_amount, 0), 0) as write_off,
    paid_amount is null as is_unpaid,
    round(paid_amount / nullif(billed_amount, 0), 4) as paid_ratio
from {{ ref('g03_stg_claims') }}
