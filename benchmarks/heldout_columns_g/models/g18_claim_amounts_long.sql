unpivot (
    select claim_id, billed_amount, allowed_amount, paid_amount from {{ ref('g03_stg_claims') }}
)
on billed_amount, allowed_amount, paid_amount
into name amount_type value amount
