select
    account_id,
    mrr,
    ntile(4) over (order by mrr) as mrr_quartile,
    percent_rank() over (order by mrr) as mrr_percent_rank,
    cume_dist() over (order by mrr) as mrr_cume_dist
from {{ ref('e08_fct_mrr') }}
