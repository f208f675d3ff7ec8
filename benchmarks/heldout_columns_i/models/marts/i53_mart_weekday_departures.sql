pivot {{ ref('i37_int_daily_departures') }}
on iso_weekday in (1, 2, 3, 4, 5, 6, 7)
using sum(departures)
group by origin_code
