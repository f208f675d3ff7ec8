with flagged as (
    select
        meter_id,
        read_at,
        is_estimated,
        row_number() over (partition by meter_id order by read_at)
            - row_number() over (partition by meter_id, is_estimated order by read_at) as streak_group
    from {{ ref('h05_stg_readings') }}
)

select
    meter_id,
    min(read_at) as streak_start,
    max(read_at) as streak_end,
    count(*) as streak_length
from flagged
where is_estimated
group by meter_id, streak_group
