-- v2 drops status
select order_id, cast(amount as decimal(12, 2)) as amount, 1 as is_new from {{ ref('stg_orders') }}
