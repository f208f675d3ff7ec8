select
    meter_id,
    strftime(read_at, '%Y-%m') as month_label,
    year(read_at),
    month(read_at) as month_num,
    date_trunc('month', read_at)::date as month_start,
    last_day(read_at::date) as month_end,
    max(register_kwh) - min(register_kwh) as register_span_kwh
from {{ ref('h05_stg_readings') }}
group by all
