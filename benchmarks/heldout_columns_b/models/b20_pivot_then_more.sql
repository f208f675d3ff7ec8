with p as (pivot {{ ref('orders') }} on channel in ('web', 'app') using sum(amount) group by customer_id)
select p.*, p.web + p.app as total from p
