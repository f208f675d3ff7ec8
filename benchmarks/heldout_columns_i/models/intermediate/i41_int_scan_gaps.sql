with ordered as (
    select
        flight_id,
        gate,
        scan_id,
        scanned_at,
        lag(scanned_at) over (partition by flight_id order by scanned_at) as previous_scan_at,
        row_number() over (partition by flight_id order by scanned_at) as scan_seq
    from {{ ref('i07_stg_boarding_scans') }}
)

select
    *,
    {{ dbt.datediff('previous_scan_at', 'scanned_at', 'second') }} as seconds_since_previous
from ordered
