-- the SQL-standard PIVOT with a GROUP BY inside, in a CTE
with pivoted as (
    select *
    from {{ ref('raw_events') }}
    pivot (sum(amount) for event_type in ('view' as viewed, 'purchase') group by product_id)
)
select * from pivoted
