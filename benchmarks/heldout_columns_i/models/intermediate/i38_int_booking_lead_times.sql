with segments as (
    select
        t.booking_ref,
        min(f.scheduled_departure) as first_departure
    from {{ ref('i06_stg_tickets') }} as t
    inner join {{ ref('i03_stg_flights') }} as f on f.flight_id = t.flight_id
    group by t.booking_ref
)

select
    b.booking_ref,
    b.passenger_id,
    b.booked_at,
    s.first_departure,
    {{ dbt.datediff('b.booked_at', 's.first_departure', 'day') }} as lead_time_days,
    {{ dbt.dateadd('hour', -24, 's.first_departure') }} as checkin_opens_at,
    case
        when {{ dbt.datediff('b.booked_at', 's.first_departure', 'day') }} < 7 then 'last_minute'
        when {{ dbt.datediff('b.booked_at', 's.first_departure', 'day') }} < 30 then 'short'
        else 'planned'
    end as lead_time_band
from {{ ref('i05_stg_bookings') }} as b
inner join segments as s using (booking_ref)
