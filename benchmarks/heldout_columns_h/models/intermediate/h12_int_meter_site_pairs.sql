select *
from {{ ref('meters') }} as m
join {{ ref('sites') }} as s on m.site_id = s.site_id
