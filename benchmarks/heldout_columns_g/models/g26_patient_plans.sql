select *
from {{ ref('g01_stg_patients') }} as p
join {{ ref('plans') }} as pl on p.plan_id = pl.plan_id
