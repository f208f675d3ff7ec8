select count(*), count(distinct customer_id), sum(amount), avg(amount) from {{ ref('orders') }}
