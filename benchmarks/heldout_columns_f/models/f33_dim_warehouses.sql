with shipments as (
    select warehouse_id, count(*) as shipments, sum(cost) as shipping_cost
    from {{ ref('f02_stg_shipments') }}
    group by warehouse_id
),

stock as (
    select warehouse_id, sum(stock_on_hand) as units_on_hand
    from {{ ref('f05_current_stock') }}
    group by warehouse_id
)

select
    w.*,
    coalesce(sh.shipments, 0) as shipments,
    coalesce(sh.shipping_cost, 0) as shipping_cost,
    coalesce(st.units_on_hand, 0) as units_on_hand
from {{ ref('f01_stg_warehouses') }} as w
left join shipments as sh using (warehouse_id)
left join stock as st using (warehouse_id)
