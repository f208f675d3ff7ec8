select range as week_start, range + interval 6 day as week_end
from range(date '2024-03-04', date '2024-04-01', interval 7 day)
