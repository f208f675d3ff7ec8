select
    account_id,
    min(columns('.*_date'))
from {{ ref('e03_stg_subscriptions') }}
group by account_id
