-- string functions
select
    product_id,
    concat(sku, '-', category) as sku_category,
    sku || '/' || product_id as sku_slash_id,
    upper(category) as category_upper,
    lower(sku) as sku_lower,
    substring(sku, 1, 1) as sku_letter,
    substr(sku, 3) as sku_digits,
    length(sku) as sku_length,
    replace(sku, '-', '') as sku_plain,
    trim('  ' || category || '  ') as category_trimmed,
    left(category, 3) as category_prefix,
    split_part(sku, '-', 2) as sku_part,
    lpad(cast(product_id as varchar), 5, '0') as padded_id,
    regexp_replace(sku, '[0-9]', '#', 'g') as sku_masked,
    position('-' in sku) as dash_at,
    {{ dbt.concat(['sku', "'_'", 'category']) }} as sku_underscore_category
from {{ ref('stg_products') }}
