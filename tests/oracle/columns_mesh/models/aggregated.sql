{{ config(materialized='table') }}
-- aggregates over integers, decimals, doubles, dates and strings
select
    category,
    count(*) as product_count,
    count(sku) as sku_count,
    count(distinct category) as category_count,
    sum(product_id) as sum_int,
    sum(units) as sum_bigint,
    sum(price) as sum_decimal,
    sum(weight) as sum_double,
    avg(product_id) as avg_int,
    avg(price) as avg_decimal,
    avg(weight) as avg_double,
    min(price) as min_price,
    max(launched_on) as last_launch,
    min(launched_at) as first_launch_at,
    max(sku) as max_sku,
    bool_and(in_stock) as all_in_stock,
    string_agg(sku, ',') as skus
from {{ ref('stg_products') }}
group by category
