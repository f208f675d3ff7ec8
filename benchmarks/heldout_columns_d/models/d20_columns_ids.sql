select columns('_id$') from {{ ref('d03_fct_orders') }}
