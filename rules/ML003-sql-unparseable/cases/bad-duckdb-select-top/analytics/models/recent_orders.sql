{{ config(materialized='table') }}

select top 5  -- expect: ML003
    order_id,
    order_date
from {{ ref('stg_orders') }}
order by order_date desc
