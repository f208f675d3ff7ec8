select
    customer_id,
    total_spent,
    case when total_spent = 0 then 'none' when total_spent < 100 then 'low' else 'high' end as band
from {{ ref('d04_dim_customers') }}
