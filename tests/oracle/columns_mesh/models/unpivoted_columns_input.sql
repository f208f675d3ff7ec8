-- UNPIVOT with COLUMNS() both in its input select list and in its ON list
select product_id, attribute, attribute_value
from (
    unpivot (select product_id, columns('^(sku|category)$') from {{ ref('raw_products') }})
    on columns('^(sku|category)$')
    into name attribute value attribute_value
)
