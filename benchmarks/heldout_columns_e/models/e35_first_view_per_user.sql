select user_id, account_id, url, viewed_at
from {{ ref('e05_stg_page_views') }}
window by_user as (partition by user_id order by viewed_at)
qualify row_number() over by_user = 1
