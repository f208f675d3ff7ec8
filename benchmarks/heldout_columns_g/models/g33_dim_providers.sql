{{ config(materialized='table') }}

select
    npi,
    provider_name,
    specialty,
    in_network
from {{ ref('g02_stg_providers') }}
