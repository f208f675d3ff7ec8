select *
from {{ ref('i06_stg_tickets') }} as t
inner join {{ ref('i03_stg_flights') }} as f
    on t.flight_id = f.flight_id
