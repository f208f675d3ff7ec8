select
    * exclude (actual_departure, actual_arrival, scheduled_arrival),
    coalesce(actual_departure, scheduled_departure) as best_departure
from {{ ref('i03_stg_flights') }}
