select
    bill_id,
    customer_id,
    {'energy': energy_charge, 'standing': standing_charge, 'vat': vat_charge} as charge_breakdown,
    [energy_charge, standing_charge, vat_charge] as charge_list,
    list_sum(adjustments) as adjustment_total,
    adjustments[1] as first_adjustment
from {{ ref('h07_stg_bills') }}
