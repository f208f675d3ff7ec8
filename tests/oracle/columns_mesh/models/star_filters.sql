-- COLUMNS('regex') and * LIKE / * ILIKE / * NOT LIKE
with launched as (select columns('^launch') from {{ ref('raw_products') }}),
     ids as (select * like '%_id' from {{ ref('raw_events') }}),
     rest as (select * not like 'event%' from {{ ref('raw_events') }}),
     amounts as (select * ilike 'AM%' from {{ ref('raw_events') }})
select launched.*, ids.*, rest.*, amounts.*
from launched, ids, rest, amounts
