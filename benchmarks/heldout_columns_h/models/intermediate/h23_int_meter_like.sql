select * like 'meter%', site_id
from {{ ref('h03_stg_meters') }}
