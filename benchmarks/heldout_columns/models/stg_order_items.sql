select *, quantity * unit_price as line_total from {{ ref('order_items') }}
