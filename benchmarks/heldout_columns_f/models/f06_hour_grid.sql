select *
from generate_series(timestamp '2024-03-01 00:00:00', timestamp '2024-03-01 23:00:00', interval 1 hour)
