{{ config(materialized='incremental', unique_key='claim_id') }}

select claim_id, patient_id, received_at, paid_amount
from {{ ref('g03_stg_claims') }}
{% if is_incremental() %}
where received_at > (select max(received_at) from {{ this }})
{% endif %}
