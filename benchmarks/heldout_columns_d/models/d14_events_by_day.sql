select cast(occurred_at as date) as day, count(*) as events, count(distinct customer_id) as customers
from {{ ref('events') }} group by 1
