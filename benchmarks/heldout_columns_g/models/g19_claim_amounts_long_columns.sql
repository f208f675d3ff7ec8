with amounts as (
    select claim_id, billed_amount, allowed_amount, paid_amount from {{ ref('g03_stg_claims') }}
)
unpivot amounts
on columns('.*_amount')
into name amount_type value amount
