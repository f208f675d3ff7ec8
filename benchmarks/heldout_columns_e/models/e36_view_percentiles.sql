select
    device,
    quantile_cont(duration_s, 0.5) as p50_duration_s,
    quantile_cont(duration_s, 0.9) as p90_duration_s,
    approx_count_distinct(user_id) as approx_users
from {{ ref('e05_stg_page_views') }}
group by device
