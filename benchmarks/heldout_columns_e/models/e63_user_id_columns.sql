select columns(lambda c: c like '%_id')
from {{ ref('e06_stg_users') }}
