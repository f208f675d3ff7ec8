with t as (select customer_id as "Customer Id", first_name as "Name" from {{ ref('customers') }})
select "Customer Id" + 1, upper("Name"), "Name" from t
