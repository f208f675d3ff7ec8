with role_map(role, role_label, can_bill) as (
    values
        ('admin', 'Administrator', true),
        ('member', 'Member', false)
)

select u.user_id, u.email, r.role_label, r.can_bill
from {{ ref('e06_stg_users') }} as u
join role_map as r on u.role = r.role
