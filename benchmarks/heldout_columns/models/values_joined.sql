with labels as (select * from (values ('completed', 1), ('returned', 0)) v)
select o.order_id, labels.col1 as ok
from {{ ref('stg_orders') }} o
left join labels on labels.col0 = o.status
