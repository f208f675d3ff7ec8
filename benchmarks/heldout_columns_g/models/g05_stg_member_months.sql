select * exclude (is_active)
from {{ source('eligibility', 'member_months') }}
where is_active
