select channel, status, count(*) as n from {{ ref('orders') }} group by cube (channel, status)
