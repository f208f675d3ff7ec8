select sum(amount) as total  -- expect: ML502
from {{ ref('stg_payments') }}
