select
    account_id,
    meta.region,
    meta['industry'] as industry,
    labels[1] as first_label
from {{ ref('e26_account_struct') }}
