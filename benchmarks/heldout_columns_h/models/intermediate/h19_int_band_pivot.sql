with usage as (
    select meter_id, band_name, band_import_kwh
    from {{ ref('h16_int_band_usage') }}
)

select *
from usage
pivot (
    sum(band_import_kwh) for band_name in ('night', 'day', 'peak', 'evening')
)
