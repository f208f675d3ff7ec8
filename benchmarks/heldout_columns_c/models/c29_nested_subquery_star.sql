select * from (select * from (select order_id, amount * 2 from {{ ref('orders') }}) a) b
