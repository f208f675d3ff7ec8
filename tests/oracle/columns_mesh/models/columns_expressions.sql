-- COLUMNS() inside an expression (one copy per matching column, named after it) and with a lambda
select
    category,
    max(columns('^launch')),
    count(columns(lambda c: c like '%_id'))
from {{ ref('raw_products') }}
group by category
