with latest as (
    select meter_id, max(read_at) as last_read_at, count(*) as reads
    from {{ ref('h05_stg_readings') }}
    group by meter_id
),

flags as (
    select meter_id, count(*) as flag_count
    from {{ ref('h25_int_reading_flags') }}
    group by meter_id
)

select
    m.meter_id,
    m.meter_type,
    m.meter_age_days,
    l.last_read_at,
    coalesce(l.reads, 0) as reads,
    coalesce(f.flag_count, 0) as flag_count,
    case
        when l.last_read_at is null then 'no_reads'
        when coalesce(f.flag_count, 0) >= 2 then 'attention'
        when m.meter_age_days > 2000 then 'ageing'
        else 'ok'
    end as health_status,
    greatest(m.meter_age_days - 3650, 0) as days_past_design_life
from {{ ref('h03_stg_meters') }} as m
left join latest as l using (meter_id)
left join flags as f using (meter_id)
