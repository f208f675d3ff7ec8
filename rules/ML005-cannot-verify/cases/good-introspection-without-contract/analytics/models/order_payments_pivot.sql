select
    order_id,
    {{ dbt_utils.pivot(
        'payment_method',
        dbt_utils.get_column_values(ref('stg_payments'), 'payment_method'),
        agg='sum',
        then_value='amount',
        suffix='_amount'
    ) }}
from {{ ref('stg_payments') }}
group by 1
