select order_id, columns('^(amount|status)$') from {{ ref('stg_orders') }}
