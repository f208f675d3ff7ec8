select
    invoice_id,
    extract(year from issued_on) as issued_year,
    date_part('quarter', issued_on) as issued_quarter,
    strftime(issued_on, '%Y-%m') as issued_month,
    dayname(issued_on) as issued_weekday,
    last_day(issued_on) as month_end
from {{ ref('e04_stg_invoices') }}
