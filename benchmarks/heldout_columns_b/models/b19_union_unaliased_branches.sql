select customer_id, upper(country) from {{ ref('customers') }}
union
select customer_id, lower(country) from {{ ref('customers') }}
