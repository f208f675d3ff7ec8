select category, 'product' as source, count(*) as n from {{ ref('products') }} group by category
union all
select channel, 'order', count(*) from {{ ref('orders') }} group by channel
