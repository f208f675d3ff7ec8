with flags as (
    select reading_id, meter_id, unnest(quality_flag_list) as flag_code
    from {{ ref('h05_stg_readings') }}
)

select
    f.reading_id,
    f.meter_id,
    f.flag_code,
    q.col1 as flag_description,
    q.col2 as severity
from flags as f
left join {{ ref('h17_int_quality_codes') }} as q on q.col0 = f.flag_code
