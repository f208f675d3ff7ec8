select {{ star_except(ref('accounts'), ['created_at']) }}
from {{ ref('accounts') }}
