select i.*, p.category, p.price as list_price
from {{ ref('stg_order_items') }} as i
left join {{ ref('stg_products') }} as p on i.product_id = p.product_id
