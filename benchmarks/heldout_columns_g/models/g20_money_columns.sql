select claim_id, columns('.*_amount')
from {{ ref('g03_stg_claims') }}
