select
    * rename (model as aircraft_model),
    seats_economy + seats_premium + seats_business + seats_first as total_seats
from {{ ref('aircraft') }}
