select
    event_id,
    passenger_id,
    event_ts,
    event_type,
    payload ->> '$.channel' as event_channel,
    payload -> '$.partner' as partner_json,
    payload ->> '$.partner.name' as partner_name,
    miles.earned as miles_earned,
    miles.redeemed as miles_redeemed,
    tags,
    len(tags) as tag_count
from {{ source('crm', 'loyalty_events') }}
