select order_id from {{ ref('fct_orders', v=1) }}
union all
select order_id from {{ ref('fct_orders', v='2') }}
union all
select order_id from {{ ref('fct_orders') }}
