select origin_code as airport_code, flight_date
from {{ ref('i03_stg_flights') }}

union by name

select flight_date, destination_code as airport_code
from {{ ref('i03_stg_flights') }}
