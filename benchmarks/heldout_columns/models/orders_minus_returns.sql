select order_id from {{ ref('stg_orders') }}
except
select order_id from {{ ref('stg_orders') }} where status = 'returned'
