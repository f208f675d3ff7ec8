select
    city,
    warehouse_id,
    capacity_units
from {{ ref('f01_stg_warehouses') }}
