with c as (select customer_id, first_name, last_name from {{ ref('customers') }})
unpivot c on first_name, last_name
