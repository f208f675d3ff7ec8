with ordered as (
    select
        *,
        lag(viewed_at) over (partition by user_id order by viewed_at) as prev_viewed_at
    from {{ ref('e05_stg_page_views') }}
),

flagged as (
    select
        * exclude (prev_viewed_at),
        case
            when prev_viewed_at is null or viewed_at - prev_viewed_at > interval 30 minute then 1
            else 0
        end as is_new_session
    from ordered
)

select
    *,
    sum(is_new_session) over (partition by user_id order by viewed_at) as session_number
from flagged
