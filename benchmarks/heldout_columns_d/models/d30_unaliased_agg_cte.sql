with s as (select channel, sum(amount), count(*) from {{ ref('orders') }} group by channel)
select * from s
