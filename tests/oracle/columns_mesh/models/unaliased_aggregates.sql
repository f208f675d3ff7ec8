-- aggregates without an alias: count(*) is count_star(), the others as DuckDB prints them
select
    category,
    count(*),
    count(distinct sku),
    sum(units),
    max(price),
    min(launched_on),
    avg(weight)
from {{ ref('raw_products') }}
group by category
