with meters as (
    select * from {{ ref('meters') }}
)

select
    meter_id,
    site_id,
    meter_type,
    meter_type = 'electric' as is_electric,
    install_date,
    date_diff('day', install_date, date '2025-04-01') as meter_age_days,
    cast(multiplier as double) as volume_multiplier,
    is_smart,
    nullif(firmware, '') as firmware_version
from meters
