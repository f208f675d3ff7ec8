pivot {{ ref('d01_stg_orders') }} on status in ('completed', 'returned', 'pending') using count(*) group by customer_id
