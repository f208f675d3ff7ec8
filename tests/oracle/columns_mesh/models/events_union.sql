-- union all: each column takes the common supertype of its branches, the names of the first
select
    event_id as id,
    'event' as kind,
    qty as amount,
    event_date as happened_on
from {{ ref('stg_events') }}

union all

select
    product_id,
    'product',
    units,
    launched_on
from {{ ref('stg_products') }}

union all

select
    0,
    'none',
    1,
    null
