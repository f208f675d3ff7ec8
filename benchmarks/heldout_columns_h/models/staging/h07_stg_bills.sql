with bills as (
    select * from {{ source('billing', 'bills') }}
)

select
    bill_id,
    customer_id,
    period_start,
    period_end,
    period_end - period_start + 1 as period_days,
    amount as bill_amount,
    charges.energy as energy_charge,
    charges.standing as standing_charge,
    charges['vat'] as vat_charge,
    adjustments,
    len(adjustments) as adjustment_count,
    status as bill_status
from bills
