select
    account_id,
    sum(monthly_price) as mrr,
    count(*) as active_subscriptions
from {{ ref('e07_int_account_plans') }}
where end_date > date '2024-12-31'
group by account_id
