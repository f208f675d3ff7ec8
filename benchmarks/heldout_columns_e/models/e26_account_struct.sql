select
    account_id,
    {'region': region, 'industry': industry} as meta,
    [account_name, region] as labels
from {{ ref('e01_stg_accounts') }}
