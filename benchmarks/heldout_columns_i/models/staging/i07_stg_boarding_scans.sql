with scans as (
    select
        scan_id,
        ticket_id,
        flight_id,
        upper(gate) as gate,
        scanned_at,
        scan_type,
        agent_id
    from {{ source('ops', 'boarding_scans') }}
)

select *
from scans
qualify row_number() over (partition by ticket_id, scan_type order by scanned_at desc) = 1
