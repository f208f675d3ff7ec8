select account_id, issued_on as event_date, 'invoice' as event_type
from {{ ref('e04_stg_invoices') }}
union all
select account_id, start_date, 'subscription_start'
from {{ ref('e03_stg_subscriptions') }}
union all
select account_id, cast(viewed_at as date), 'page_view'
from {{ ref('e05_stg_page_views') }}
