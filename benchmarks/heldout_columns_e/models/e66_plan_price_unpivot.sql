select *
from {{ ref('e02_stg_plans') }}
unpivot (price for price_kind in (monthly_price, annual_price))
