select *
from {{ ref('i05_stg_bookings') }} as b
inner join {{ ref('i04_stg_passengers') }} as p
    on p.passenger_id = b.passenger_id
