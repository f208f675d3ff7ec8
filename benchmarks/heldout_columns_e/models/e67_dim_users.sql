select
    u.user_id,
    u.email,
    u.role,
    a.account_name,
    a.region,
    coalesce(v.views, 0) as lifetime_views
from {{ ref('e06_stg_users') }} as u
join {{ ref('e01_stg_accounts') }} as a on a.account_id = u.account_id
left join (
    select user_id, count(*) as views
    from {{ ref('e05_stg_page_views') }}
    group by user_id
) as v on v.user_id = u.user_id
