-- the first version, as it was
select order_id, cast(status as varchar(40)) as status, cast(amount as decimal(10, 2)) as amount
from {{ ref('stg_orders') }}
