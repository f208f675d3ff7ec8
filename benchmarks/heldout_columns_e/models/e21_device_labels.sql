select v.*, m.label
from {{ ref('e05_stg_page_views') }} as v
left join (values ('web', 'Browser'), ('mobile', 'Phone'), ('desktop', 'Desktop app')) as m(device, label)
    using (device)
