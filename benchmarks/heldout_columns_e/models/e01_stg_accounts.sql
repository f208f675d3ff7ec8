select
    account_id,
    trim(account_name) as account_name,
    lower(industry) as industry,
    upper(region) as region,
    created_at,
    cast(created_at as date) as created_date,
    is_enterprise
from {{ ref('accounts') }}
