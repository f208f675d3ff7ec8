select patient_id, claim_id as event_id, service_date as event_date, 'claim' as event_type, paid_amount
from {{ ref('g03_stg_claims') }}
union all by name
select patient_id, fill_id as event_id, fill_date as event_date, 'rx' as event_type, days_supply
from {{ ref('g06_stg_rx_fills') }}
