select
    account_id,
    unnest(['billing', lower(industry)]) as tag
from {{ ref('e01_stg_accounts') }}
