select shipment_id, columns('.*_kg|cost')
from {{ ref('f02_stg_shipments') }}
