with pivoted as (
    select * from {{ ref('i13_int_cabin_fare_pivot') }}
)

select
    p.flight_id,
    r.route_code,
    r.flight_date,
    coalesce(columns('^(economy|premium|business|first)$'), 0)
from pivoted as p
inner join {{ ref('i09_int_flight_routes') }} as r on r.flight_id = p.flight_id
