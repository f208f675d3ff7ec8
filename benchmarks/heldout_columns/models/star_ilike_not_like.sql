with a as (select * ilike 'EMAIL%' from {{ ref('customers') }}),
     b as (select * not like '%name' from {{ ref('customers') }})
select * from a, b
