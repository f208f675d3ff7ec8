with routes as (
    select * from {{ ref('i09_int_flight_routes') }}
),

delays as (
    select * from {{ ref('i10_int_flight_delays') }}
),

load as (
    select * from {{ ref('i36_int_flight_load') }}
)

select
    routes.flight_id,
    routes.flight_number,
    routes.flight_date,
    routes.route_code,
    routes.distance_km,
    routes.is_international,
    delays.delay_band,
    delays.arrival_delay_min,
    load.seats_sold,
    load.load_factor
from routes
left join delays on delays.flight_id = routes.flight_id
left join load on load.flight_id = routes.flight_id
