select * replace (
    round(unit_rate * 100, 2) as unit_rate,
    round(peak_rate * 100, 2) as peak_rate,
    round(offpeak_rate * 100, 2) as offpeak_rate
)
from {{ ref('tariffs') }}
