select
    warehouse_id,
    {{ carrier_columns(['dhl', 'ups', 'ctt']) }}
from {{ ref('shipments') }}
group by warehouse_id
