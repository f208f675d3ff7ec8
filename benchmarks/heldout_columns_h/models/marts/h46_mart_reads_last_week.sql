select
    r.*,
    m.meter_type
from {{ ref('h37_fct_readings_incremental') }} as r
join {{ ref('h03_stg_meters') }} as m on r.meter_id = m.meter_id
where r.read_at >= (select max(read_at) - interval 7 day from {{ ref('h37_fct_readings_incremental') }})
