select
    {{ dbt.hash(dbt.concat(['meter_id', "'-'", 'cast(site_id as varchar)'])) }} as meter_key,
    meter_id,
    site_id,
    {{ dbt.date_trunc('month', 'install_date') }} as install_month,
    {{ dbt.dateadd('year', 10, 'install_date') }} as warranty_until,
    {{ kwh_to_mwh('volume_multiplier') }} as multiplier_mwh
from {{ ref('h03_stg_meters') }}
