with monthly as (
    select
        {{ dbt.date_trunc('month', 'booked_at') }} as revenue_month,
        currency,
        sum(total_fare) as gross_fare,
        count(*) as bookings
    from {{ ref('i05_stg_bookings') }}
    where booking_status = 'ticketed'
    group by 1, 2
)

select
    cast(revenue_month as date) as revenue_month,
    currency,
    gross_fare,
    bookings,
    sum(gross_fare) over (partition by currency order by revenue_month) as cumulative_fare,
    gross_fare - lag(gross_fare, 1, 0) over (partition by currency order by revenue_month) as fare_change
from monthly
