select
    order_id,
    cast(status as {{ api.Column.translate_type('string') }}) as status_text,
    cast(amount as {{ api.Column.numeric_type('numeric', 14, 4) }}) as amount_precise,
    cast(channel as {{ api.Column.string_type(16) }}) as channel_short
from {{ ref('stg_orders') }}
