select
    d.day,
    count(v.view_id) as views
from {{ ref('e13_day_spine') }} as d
left join {{ ref('e05_stg_page_views') }} as v
    on cast(v.viewed_at as date) = d.day
group by d.day
