select * from {{ ref('d01_stg_orders') }} o join {{ ref('d04_dim_customers') }} c on c.customer_id = o.customer_id
