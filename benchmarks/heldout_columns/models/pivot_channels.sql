pivot {{ ref('stg_orders') }} on channel in ('web', 'store', 'app') using sum(amount) group by customer_id
