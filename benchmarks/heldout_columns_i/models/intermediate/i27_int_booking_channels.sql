with channel_map as (
    select
        col0 as channel,
        col1 as channel_group,
        col2 as commission_rate
    from {{ ref('i26_int_channel_groups') }}
)

select
    b.booking_ref,
    b.channel,
    coalesce(m.channel_group, 'unknown') as channel_group,
    b.total_fare * coalesce(m.commission_rate, 0) as commission
from {{ ref('i05_stg_bookings') }} as b
left join channel_map as m on b.channel = m.channel
