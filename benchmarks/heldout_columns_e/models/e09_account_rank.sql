select
    account_id,
    mrr,
    rank() over (order by mrr desc) as mrr_rank,
    mrr / sum(mrr) over () as mrr_share
from {{ ref('e08_fct_mrr') }}
