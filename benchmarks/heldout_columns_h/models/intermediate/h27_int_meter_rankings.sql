with totals as (
    select meter_id, sum(import_kwh) as total_import_kwh
    from {{ ref('h10_int_meter_daily') }}
    group by meter_id
)

select
    t.meter_id,
    m.meter_type,
    t.total_import_kwh,
    rank() over (order by t.total_import_kwh desc) as usage_rank,
    dense_rank() over (partition by m.meter_type order by t.total_import_kwh desc) as usage_rank_in_type,
    percent_rank() over (order by t.total_import_kwh),
    ntile(2) over (order by t.total_import_kwh) as usage_half,
    first_value(t.meter_id) over (partition by m.meter_type order by t.total_import_kwh desc) as top_meter_in_type
from totals as t
join {{ ref('h03_stg_meters') }} as m on m.meter_id = t.meter_id
