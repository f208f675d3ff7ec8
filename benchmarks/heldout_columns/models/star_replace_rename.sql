select * replace (upper(status) as status) rename (channel as sales_channel)
from {{ ref('stg_orders') }}
