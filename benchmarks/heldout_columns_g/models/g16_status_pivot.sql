pivot {{ ref('g03_stg_claims') }}
on claim_status in ('paid', 'denied', 'open')
using count(*)
group by patient_id
