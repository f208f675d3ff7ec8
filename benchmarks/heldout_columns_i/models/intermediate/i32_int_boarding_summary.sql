select
    flight_id,
    {{ scan_type_counts(['boarded', 'gate_check']) }},
    min(scanned_at) filter (where scan_type = 'boarded') as first_boarded_at,
    max(scanned_at) as last_scan_at,
    count(distinct gate) as gates_used,
    mode(gate)
from {{ ref('i07_stg_boarding_scans') }}
group by flight_id
