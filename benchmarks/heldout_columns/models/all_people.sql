select customer_id as person_id, full_name as label, 'customer' as kind from {{ ref('stg_customers') }}
union all
select product_id, name, 'product' from {{ ref('stg_products') }}
