select range as day
from range(date '2024-05-01', date '2024-05-08', interval 1 day)
