-- DuckDB's simplified UNPIVOT, with and without INTO
with measures as (
    select product_id, weight, cast(price as double) as price from {{ ref('raw_products') }}
)
unpivot measures on weight, price into name measure value amount
