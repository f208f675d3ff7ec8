select
    m.passenger_id,
    json_object('tier', p.loyalty_tier, 'miles', m.miles_earned) as loyalty_doc,
    to_json(m.miles_summary) as miles_json,
    (to_json(m.miles_summary) ->> '$.earned')::integer as earned_from_json,
    m.event_types[1] as first_event_type,
    len(m.all_tags) as distinct_tags,
    list_contains(m.all_tags, 'partner') as has_partner_activity
from {{ ref('i31_int_loyalty_miles') }} as m
inner join {{ ref('i04_stg_passengers') }} as p using (passenger_id)
