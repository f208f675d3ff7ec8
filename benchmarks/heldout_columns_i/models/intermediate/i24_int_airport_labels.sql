select
    * like 'airport_%',
    city,
    * ilike '%ITUDE'
from {{ ref('i01_stg_airports') }}
