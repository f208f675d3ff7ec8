select cast(generate_series as date) as month_start
from generate_series(timestamp '2024-01-01', timestamp '2024-12-01', interval 1 month)
