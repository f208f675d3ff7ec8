with fx as (select * from (values ('PT', 1.1), ('DK', 0.13), ('CN', 0.14)))
select c.customer_id, fx.col1 as rate
from {{ ref('customers') }} c join fx on fx.col0 = c.country
