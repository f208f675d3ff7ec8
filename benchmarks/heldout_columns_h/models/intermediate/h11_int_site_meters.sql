select *
from {{ ref('h02_stg_sites') }}
join {{ ref('h03_stg_meters') }} using (site_id)
