-- case expressions
select
    product_id,
    case when in_stock then 'yes' else 'no' end as stock_label,
    case when units > 100 then 1 else 0 end as is_bulk,
    case when units > 100 then units else 0 end as bulk_units,
    case when price > 20 then price else 0 end as pricey,
    case when price > 20 then weight else 1 end as heavy_or_one,
    case category when 'tools' then 1.5 when 'garden' then 2 end as category_factor,
    case when in_stock then true end as maybe_true,
    case when in_stock then launched_on else current_date end as some_date
from {{ ref('stg_products') }}
