select channel, sum(case when status = 'completed' then amount else 0 end) from {{ ref('orders') }} group by channel
