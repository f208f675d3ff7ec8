select
    account_id,
    list(url order by viewed_at) as urls,
    list_distinct(list(device)) as devices,
    count(distinct user_id) as users
from {{ ref('e05_stg_page_views') }}
group by 1
