select i.*, p.name, p.category from {{ ref('order_items') }} i join {{ ref('products') }} p using (product_id)
