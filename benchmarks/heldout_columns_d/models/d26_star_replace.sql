select * replace (amount * 100 as amount) from {{ ref('orders') }}
