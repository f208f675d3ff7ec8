with flights as (
    select * from {{ ref('i03_stg_flights') }}
),

airports as (
    select * from {{ ref('i01_stg_airports') }}
)

select
    f.flight_id,
    f.flight_number,
    f.flight_date,
    f.origin_code,
    o.city as origin_city,
    o.country_code as origin_country,
    f.destination_code,
    d.city as destination_city,
    d.country_code as destination_country,
    f.origin_code || '-' || f.destination_code as route_code,
    o.country_code <> d.country_code as is_international,
    round({{ great_circle_km('o.latitude', 'o.longitude', 'd.latitude', 'd.longitude') }}, 0) as distance_km
from flights as f
inner join airports as o on f.origin_code = o.airport_code
inner join airports as d on f.destination_code = d.airport_code
