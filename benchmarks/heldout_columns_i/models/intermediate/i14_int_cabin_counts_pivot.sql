pivot {{ ref('i06_stg_tickets') }}
on cabin in ('economy', 'premium', 'business', 'first')
using count(*) as tickets, sum(checked_bags) as bags
group by flight_id
