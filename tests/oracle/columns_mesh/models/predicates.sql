-- predicates, scalar subqueries and exists
select
    product_id,
    price > 10 as is_expensive,
    category in ('tools', 'garden') as is_outdoor,
    sku like 'A%' as is_a,
    units between 10 and 100 as is_mid,
    launched_on is null as no_launch,
    not in_stock as out_of_stock,
    (select max(price) from {{ ref('stg_products') }}) as max_price,
    (select count(*) from {{ ref('stg_events') }} e where e.product_id = p.product_id) as event_count,
    exists (select 1 from {{ ref('stg_events') }} e where e.product_id = p.product_id) as has_events
from {{ ref('stg_products') }} p
