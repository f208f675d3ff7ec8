select
    bill_id,
    customer_id,
    unnest(adjustments) as adjustment_amount
from {{ ref('h07_stg_bills') }}
