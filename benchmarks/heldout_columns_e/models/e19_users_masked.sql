select * replace (split_part(email, '@', 2) as email)
from {{ ref('e06_stg_users') }}
