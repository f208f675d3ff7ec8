select
    r.reading_id,
    meter_id,
    r.read_at,
    r.register_kwh,
    r.read_type,
    m.meter_type,
    m.site_id,
    s.customer_id,
    s.region,
    s.tariff_code
from {{ ref('h05_stg_readings') }} as r
inner join {{ ref('h03_stg_meters') }} as m using (meter_id)
left join {{ ref('h02_stg_sites') }} as s on m.site_id = s.site_id
