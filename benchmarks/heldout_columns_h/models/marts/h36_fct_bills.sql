{{ config(materialized='table') }}

select
    bill_id,
    customer_id,
    period_start,
    period_end,
    bill_amount,
    energy_charge,
    vat_charge,
    bill_status
from {{ ref('h07_stg_bills') }}
