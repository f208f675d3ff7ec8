select
    patient_id,
    fill_id,
    fill_date,
    lead(fill_date) over w as next_fill_date,
    sum(days_supply) over w as cumulative_supply,
    date_diff('day', fill_date, lead(fill_date) over w) - days_supply as gap_days
from {{ ref('g06_stg_rx_fills') }}
window w as (partition by patient_id order by fill_date)
