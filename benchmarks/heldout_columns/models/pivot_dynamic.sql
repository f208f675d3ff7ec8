{{ config(materialized="table") }}
pivot {{ ref('stg_orders') }} on channel using sum(amount) group by customer_id
