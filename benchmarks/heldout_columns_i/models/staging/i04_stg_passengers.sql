with src as (
    select * from {{ ref('passengers') }}
)

select
    passenger_id,
    {{ dbt.concat(['first_name', "' '", 'last_name']) }} as full_name,
    first_name,
    last_name,
    lower(trim(email)) as email,
    {{ dbt.hash('lower(trim(email))') }} as email_hash,
    birth_date,
    date_diff('year', birth_date, date '2025-04-01') as age_years,
    coalesce(nullif(loyalty_tier, ''), 'none') as loyalty_tier,
    nationality,
    created_at as registered_at
from src
