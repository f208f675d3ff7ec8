select * exclude (delivered_at, transit_hours) replace (round(weight_kg, 0) as weight_kg)
from {{ ref('f02_stg_shipments') }}
