select
    meter_id,
    {{ band_flags(['night', 'day', 'peak', 'evening']) }},
    sum(band_import_kwh) as total_kwh,
    round(100.0 * sum(band_import_kwh) filter (where band_name = 'peak') / nullif(sum(band_import_kwh), 0), 1) as peak_share_pct
from {{ ref('h16_int_band_usage') }}
group by meter_id
