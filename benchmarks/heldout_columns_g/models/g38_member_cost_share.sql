select
    claim_id,
    patient_id,
    {{ member_responsibility('allowed_amount', 'paid_amount') }} as member_owes,
    cast(billed_amount as {{ api.Column.translate_type('integer') }}) as billed_whole,
    cast(claim_id as {{ dbt.type_string() }}) as claim_ref
from {{ ref('g03_stg_claims') }}
