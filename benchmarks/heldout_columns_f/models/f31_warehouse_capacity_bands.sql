select
    warehouse_id,
    capacity_units,
    case
        when capacity_units >= 10000 then 'large'
        when capacity_units >= 6000 then 'medium'
        else 'small'
    end as capacity_band,
    capacity_units::double / sum(capacity_units) over () as capacity_share
from {{ ref('f01_stg_warehouses') }}
