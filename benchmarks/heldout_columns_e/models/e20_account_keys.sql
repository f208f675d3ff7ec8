select * like '%_id'
from {{ ref('subscriptions') }}
