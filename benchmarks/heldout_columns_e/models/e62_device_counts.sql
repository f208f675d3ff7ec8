select
    account_id,
    {{ count_if_equals('device', ['web', 'mobile', 'desktop']) }}
from {{ ref('e05_stg_page_views') }}
group by account_id
