select
    account_name,
    account_id,
    mrr,
    region
from {{ ref('e25_dim_accounts') }}
