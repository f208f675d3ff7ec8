select
    passenger_id,
    upper(left(first_name, 1)) || '. ' || last_name as display_name,
    age_years,
    case
        when age_years < 12 then 'child'
        when age_years < 18 then 'teen'
        when age_years < 65 then 'adult'
        else 'senior'
    end as age_band,
    split_part(email, '@', 2) as email_domain,
    nationality,
    length(last_name)
from {{ ref('i04_stg_passengers') }}
