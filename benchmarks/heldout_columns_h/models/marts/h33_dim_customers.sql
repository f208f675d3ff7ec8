{{ config(materialized='table') }}

select
    c.customer_id,
    c.customer_name,
    c.email,
    c.segment,
    c.signup_date,
    count(s.site_id) as site_count
from {{ ref('h01_stg_customers') }} as c
left join {{ ref('h02_stg_sites') }} as s on s.customer_id = c.customer_id
group by c.customer_id, c.customer_name, c.email, c.segment, c.signup_date
