select order_id, case when amount > 100 then 'big' when amount > 50 then 'mid' end from {{ ref('orders') }}
