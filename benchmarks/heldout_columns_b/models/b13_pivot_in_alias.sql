pivot {{ ref('orders') }} on status in ('completed' as done, 'returned' as back) using count(*) group by channel
