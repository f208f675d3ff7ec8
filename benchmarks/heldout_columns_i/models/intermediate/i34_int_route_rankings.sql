select
    route_code,
    flight_date,
    revenue,
    rank() over w as revenue_rank,
    sum(revenue) over w as cumulative_revenue,
    percent_rank() over w,
    revenue / sum(revenue) over (partition by flight_date) as share_of_day
from {{ ref('i33_int_route_daily_revenue') }}
window w as (partition by flight_date order by revenue desc)
