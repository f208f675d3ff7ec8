{{ config(materialized='ephemeral') }}
-- ephemeral: no relation of its own, inlined into its consumers
select product_id, price, price * 0.9 as sale_price
from {{ ref('stg_products') }}
