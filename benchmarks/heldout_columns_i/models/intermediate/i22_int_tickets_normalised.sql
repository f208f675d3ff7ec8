select * replace (
    upper(cabin) as cabin,
    round(fare, 0)::integer as fare
)
from {{ ref('i06_stg_tickets') }}
