-- api.Column spells types as the adapter's Column class does
select
    cast(sku as {{ api.Column.translate_type('string') }}) as sku_text,
    cast(units as {{ api.Column.numeric_type('decimal', 12, 2) }}) as units_decimal,
    cast(sku as {{ api.Column.string_type(20) }}) as sku_short,
    cast(product_id as {{ api.Column.translate_type('integer') }}) as product_key
from {{ ref('raw_products') }}
