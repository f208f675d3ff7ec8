-- UNION ALL BY NAME: columns matched by name, the second branch's new columns appended
select product_id, sku, category from {{ ref('raw_products') }}
union all by name
select event_type as category, product_id, qty from {{ ref('raw_events') }}
