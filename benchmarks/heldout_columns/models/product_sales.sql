select
    product_id,
    sum(quantity) as units_sold,
    sum(line_total) as sales,
    avg(unit_price) as avg_price,
    count(distinct order_id) as orders
from {{ ref('stg_order_items') }}
group by product_id
