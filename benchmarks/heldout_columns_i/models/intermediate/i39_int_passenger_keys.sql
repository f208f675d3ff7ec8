select
    {{ booking_key(['passenger_id', 'email']) }} as passenger_key,
    passenger_id,
    cast(passenger_id as {{ dbt.type_string() }}) as passenger_id_text,
    {{ dbt.hash(dbt.concat(['first_name', "'|'", 'last_name'])) }} as name_hash
from {{ ref('i04_stg_passengers') }}
