select claim_id, * ilike '%_AMOUNT'
from {{ ref('g03_stg_claims') }}
