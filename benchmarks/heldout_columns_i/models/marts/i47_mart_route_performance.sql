with revenue as (
    select
        route_code,
        sum(revenue) as revenue,
        sum(tickets_sold) as tickets_sold
    from {{ ref('i33_int_route_daily_revenue') }}
    group by route_code
),

delays as (
    select
        r.route_code,
        avg(d.arrival_delay_min) as avg_arrival_delay_min,
        count(*) filter (where d.delay_band in ('late', 'very_late')) as late_flights
    from {{ ref('i09_int_flight_routes') }} as r
    inner join {{ ref('i10_int_flight_delays') }} as d using (flight_id)
    group by 1
)

select
    revenue.*,
    delays.* exclude (route_code),
    revenue.revenue / nullif(revenue.tickets_sold, 0) as revenue_per_ticket
from revenue
left join delays on delays.route_code = revenue.route_code
