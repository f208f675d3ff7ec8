select customer_id, unnest([1, 2, 3]) as k from {{ ref('customers') }}
