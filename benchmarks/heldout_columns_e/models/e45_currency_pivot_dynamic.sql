{{ config(materialized="table") }}
pivot {{ ref('e04_stg_invoices') }}
on currency
using sum(amount)
group by account_id
