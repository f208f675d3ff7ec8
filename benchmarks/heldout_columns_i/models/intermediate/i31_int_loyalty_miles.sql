select
    passenger_id,
    sum(miles_earned) as miles_earned,
    sum(miles_redeemed) as miles_redeemed,
    {'earned': sum(miles_earned), 'redeemed': sum(miles_redeemed)} as miles_summary,
    list(event_type order by event_ts) as event_types,
    list_distinct(flatten(list(tags))) as all_tags
from {{ ref('i08_stg_loyalty_events') }}
group by passenger_id
