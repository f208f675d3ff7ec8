select * exclude (rn) from (
  select *, row_number() over (partition by customer_id order by occurred_at desc) as rn from {{ ref('events') }}
) where rn = 1
