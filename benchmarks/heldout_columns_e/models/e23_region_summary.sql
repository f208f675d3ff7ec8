select
    region,
    upper(industry),
    count(*)
from {{ ref('e01_stg_accounts') }}
group by all
