select
    ticket_id,
    booking_ref,
    flight_id,
    lower(cabin) as cabin,
    fare_class,
    fare,
    nullif(seat, '') as seat_number,
    {{ dbt.safe_cast("regexp_extract(seat, '^[0-9]+')", dbt.type_int()) }} as seat_row,
    checked_bags,
    string_split(ancillaries, ';') as ancillary_list
from {{ ref('tickets') }}
