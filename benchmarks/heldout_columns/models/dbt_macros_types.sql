select
    order_id,
    cast(amount as {{ dbt.type_numeric() }}) as amount_numeric,
    cast(order_id as {{ dbt.type_string() }}) as order_key,
    {{ dbt.date_trunc('month', 'order_date') }} as order_month
from {{ ref('stg_orders') }}
