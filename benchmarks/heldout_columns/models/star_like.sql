select * like '%_id' from {{ ref('stg_order_items') }}
