select * from {{ ref('customers') }} where is_active
