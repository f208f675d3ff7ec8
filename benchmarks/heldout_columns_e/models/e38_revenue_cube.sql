select
    a.region,
    a.industry,
    grouping(a.region, a.industry) as grouping_level,
    sum(i.amount) as revenue
from {{ ref('e04_stg_invoices') }} as i
join {{ ref('e01_stg_accounts') }} as a on a.account_id = i.account_id
group by grouping sets ((a.region, a.industry), (a.region), ())
