with s as (select customer_id, {'a': customer_id, 'b': email} as info from {{ ref('customers') }})
select customer_id, info.a, info.b as email from s
