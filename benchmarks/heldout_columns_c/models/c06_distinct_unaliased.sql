select distinct upper(channel), status from {{ ref('orders') }}
