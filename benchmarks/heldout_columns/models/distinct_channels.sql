select distinct channel from {{ ref('stg_orders') }}
