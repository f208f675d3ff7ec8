select distinct on (account_id)
    account_id,
    viewed_at as last_viewed_at,
    url as last_url
from {{ ref('e05_stg_page_views') }}
order by account_id, viewed_at desc
