select * like '%_at' from {{ ref('events') }} e join {{ ref('products') }} p on true
