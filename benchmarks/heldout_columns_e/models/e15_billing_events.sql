select account_id, issued_on as event_date, amount
from {{ ref('e04_stg_invoices') }}
union all by name
select account_id, start_date as event_date, plan_id
from {{ ref('e03_stg_subscriptions') }}
