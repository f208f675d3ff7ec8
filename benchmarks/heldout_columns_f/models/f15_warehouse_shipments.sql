select *
from {{ ref('f01_stg_warehouses') }} as w
join {{ ref('f02_stg_shipments') }} as s on s.warehouse_id = w.warehouse_id
