select
    p.product_id,
    p.name,
    p.category,
    sum(i.quantity) as units,
    sum(i.gross) as gross,
    rank() over (partition by p.category order by sum(i.gross) desc) as rank_in_category
from {{ ref('products') }} p
join {{ ref('d02_stg_items') }} i on i.product_id = p.product_id
group by p.product_id, p.name, p.category
