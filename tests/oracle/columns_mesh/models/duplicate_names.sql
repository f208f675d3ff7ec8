-- `select *` over a join whose sides share column names: DuckDB renames the later ones `product_id_1`...
select *
from {{ ref('stg_products') }} as p
join {{ ref('raw_events') }} as e on p.product_id = e.product_id
