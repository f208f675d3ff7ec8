select *
from (
    select claim_id, billed_amount, allowed_amount from {{ ref('g03_stg_claims') }}
) unpivot (
    amount for amount_type in (billed_amount, allowed_amount)
)
