-- reads an ephemeral model
select
    e.product_id,
    e.sale_price,
    e.price - e.sale_price as discount
from {{ ref('ephemeral_prices') }} e
