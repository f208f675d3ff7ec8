{{ config(materialized='incremental', unique_key='ticket_id', on_schema_change='fail') }}

select
    t.ticket_id,
    t.booking_ref,
    t.flight_id,
    f.flight_date,
    t.cabin,
    t.fare,
    b.currency,
    current_timestamp as loaded_at
from {{ ref('i06_stg_tickets') }} as t
inner join {{ ref('i03_stg_flights') }} as f on f.flight_id = t.flight_id
inner join {{ ref('i05_stg_bookings') }} as b on b.booking_ref = t.booking_ref
{% if is_incremental() %}
where f.flight_date > (select max(flight_date) from {{ this }})
{% endif %}
