select columns(c -> c like '%_id') from {{ ref('orders') }}
