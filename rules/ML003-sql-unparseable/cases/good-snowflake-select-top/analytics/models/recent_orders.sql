{{ config(materialized='table') }}

select top 5
    order_id,
    order_date
from {{ ref('stg_orders') }}
order by order_date desc
