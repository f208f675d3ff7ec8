select account_id, unnest(meta)
from {{ ref('e26_account_struct') }}
