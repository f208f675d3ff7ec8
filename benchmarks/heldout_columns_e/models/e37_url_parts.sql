select
    view_id,
    regexp_extract(url, '^/([a-z]+)', 1) as section,
    split_part(url, '/', 3) as page,
    string_split(url, '/') as url_parts,
    starts_with(url, '/dashboard') as is_dashboard
from {{ ref('e05_stg_page_views') }}
