select
    generate_series as month_number,
    monthname(make_date(2024, generate_series::integer, 1)) as month_name
from generate_series(1, 12)
