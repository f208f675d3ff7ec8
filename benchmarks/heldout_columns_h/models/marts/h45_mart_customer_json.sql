select
    customer_id,
    to_json({'name': customer_name, 'segment': segment}) as customer_json,
    to_json({'name': customer_name, 'segment': segment}) ->> 'segment' as segment_from_json,
    concat_ws(' / ', customer_name, email) as label,
    length(customer_name),
    upper(left(segment, 3)) as segment_code
from {{ ref('h33_dim_customers') }}
