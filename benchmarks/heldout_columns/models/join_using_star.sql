select * from {{ ref('stg_orders') }} join {{ ref('customer_orders') }} using (customer_id)
