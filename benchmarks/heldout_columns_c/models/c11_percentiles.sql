select category, median(price), quantile_cont(price, 0.9), mode(name) from {{ ref('products') }} group by category
