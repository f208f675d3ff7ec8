{{ config(materialized='table') }}
-- a model selecting from other models
select
    a.category,
    a.product_count,
    a.sum_decimal / a.product_count as avg_price,
    a.sum_int,
    l.int_literal + a.product_count as shifted_count,
    a.skus
from {{ ref('aggregated') }} as a
cross join {{ ref('literals') }} as l
