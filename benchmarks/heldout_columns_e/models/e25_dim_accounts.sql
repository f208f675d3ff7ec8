select
    a.account_id,
    a.account_name,
    a.region,
    coalesce(m.mrr, 0) as mrr,
    a.is_enterprise
from {{ ref('e01_stg_accounts') }} as a
left join {{ ref('e08_fct_mrr') }} as m on a.account_id = m.account_id
