select
    plan_id,
    plan_name,
    monthly_price,
    seats,
    monthly_price * 12 as annual_price,
    monthly_price / seats as price_per_seat
from {{ ref('plans') }}
