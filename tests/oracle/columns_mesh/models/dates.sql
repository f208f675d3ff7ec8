-- date functions, and dbt's cross-database date macros
select
    product_id,
    date_trunc('month', launched_on) as launch_month,
    date_trunc('hour', launched_at) as launch_hour,
    {{ datediff('launched_on', 'current_date', 'day') }} as days_since_launch,
    {{ datediff('launched_at', "timestamp '2025-01-01'", 'month') }} as months_to_2025,
    {{ dbt.dateadd('day', 7, 'launched_on') }} as week_after,
    current_date as today,
    launched_on + interval 1 day as next_day,
    launched_on + 30 as plus_thirty,
    current_date - launched_on as days_between,
    extract(year from launched_on) as launch_year,
    date_part('dow', launched_at) as launch_dow,
    year(launched_on) as launch_year_fn,
    last_day(launched_on) as month_end,
    strftime(launched_at, '%Y-%m') as launch_ym,
    make_date(2024, 1, 1) as new_year,
    epoch(launched_at) as launched_epoch
from {{ ref('stg_products') }}
