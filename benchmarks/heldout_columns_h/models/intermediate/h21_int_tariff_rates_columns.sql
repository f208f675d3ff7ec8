select tariff_code, rate_kind, rate_pence
from (
    unpivot (select tariff_code, columns('.*_rate') from {{ ref('h04_stg_tariffs') }})
    on columns('.*_rate')
    into name rate_kind value rate_pence
)
