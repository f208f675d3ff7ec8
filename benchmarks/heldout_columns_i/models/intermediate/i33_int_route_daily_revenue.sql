select
    r.route_code,
    r.flight_date,
    count(distinct t.ticket_id) as tickets_sold,
    sum(t.fare) as revenue,
    avg(t.fare)::decimal(10, 2) as avg_fare
from {{ ref('i09_int_flight_routes') }} as r
inner join {{ ref('i06_stg_tickets') }} as t on t.flight_id = r.flight_id
group by all
