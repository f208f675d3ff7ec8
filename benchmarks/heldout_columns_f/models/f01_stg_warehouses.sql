select
    warehouse_id,
    trim(city) as city,
    country_code,
    capacity_units,
    opened_on,
    date_diff('year', opened_on, date '2025-01-01') as years_open
from {{ ref('warehouses') }}
