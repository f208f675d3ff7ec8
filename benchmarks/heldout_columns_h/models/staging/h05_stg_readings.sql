with readings as (
    select * from {{ ref('readings') }}
),

deduplicated as (
    select *
    from readings
    qualify row_number() over (
        partition by meter_id, read_at
        order by case when read_type = 'actual' then 0 else 1 end, reading_id desc
    ) = 1
)

select
    reading_id,
    meter_id,
    read_at,
    read_at::date as read_date,
    register_kwh,
    read_type,
    read_type = 'estimated' as is_estimated,
    case
        when quality_flags is null or quality_flags = '' then []::varchar[]
        else string_split(quality_flags, ';')
    end as quality_flag_list
from deduplicated
