-- UNPIVOT over COLUMNS(* EXCLUDE ...): the source's other columns, in the source's order
unpivot (select product_id, sku, category from {{ ref('raw_products') }})
on columns(* exclude (product_id))
into name attribute value attribute_value
