-- enforced contract on a view: the view keeps the SELECT's order
select
    sku,
    product_id,
    in_stock
from {{ ref('stg_products') }}
