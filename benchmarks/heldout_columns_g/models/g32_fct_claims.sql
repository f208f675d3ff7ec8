{{ config(materialized='table') }}

select
    claim_status,
    paid_amount,
    billed_amount,
    claim_id,
    patient_id,
    service_date
from {{ ref('g03_stg_claims') }}
