select
    1 as order_id,
    d.date_day
from {{ ref('jaffle_pkg', 'pkg_calendar') }} as d  -- expect: ML302
