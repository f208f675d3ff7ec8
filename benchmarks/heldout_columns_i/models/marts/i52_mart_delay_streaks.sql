with flagged as (
    select
        flight_number,
        flight_date,
        delay_band,
        case when delay_band in ('late', 'very_late') then 1 else 0 end as is_late
    from {{ ref('i10_int_flight_delays') }}
),

grouped as (
    select
        *,
        row_number() over (partition by flight_number order by flight_date)
            - row_number() over (partition by flight_number, is_late order by flight_date) as streak_group
    from flagged
)

select
    flight_number,
    min(flight_date) as streak_start,
    max(flight_date) as streak_end,
    count(*) as streak_length
from grouped
where is_late = 1
group by flight_number, streak_group
