select
    * exclude (duration_ms),
    duration_ms / 1000.0 as duration_s
from {{ ref('page_views') }}
