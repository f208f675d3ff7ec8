select
    a.airport_code,
    a.airport_name,
    a.city,
    a.country_code,
    a.is_hub,
    count(distinct f.flight_id) as departures_count
from {{ ref('i01_stg_airports') }} as a
left join {{ ref('i03_stg_flights') }} as f on f.origin_code = a.airport_code
group by all
