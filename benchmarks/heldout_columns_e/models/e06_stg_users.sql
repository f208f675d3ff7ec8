select * rename (last_login_at as last_seen_at)
from {{ ref('users') }}
