select
    customer_id,
    cast(total_spent as {{ api.Column.numeric_type('decimal', 18, 2) }}) as total_spent,
    cast(country as {{ api.Column.translate_type('string') }}) as country
from {{ ref('d04_dim_customers') }}
