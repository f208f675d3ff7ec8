select tariff_code, columns('.*_(rate|charge)')
from {{ ref('h04_stg_tariffs') }}
