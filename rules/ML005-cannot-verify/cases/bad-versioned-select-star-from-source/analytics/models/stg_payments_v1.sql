select *  -- expect: ML005
from {{ source('stripe', 'payment') }}
