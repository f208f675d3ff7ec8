with tiers as (
    select *
    from (values ('none', 1.0), ('blue', 1.0), ('silver', 1.25), ('gold', 1.5), ('platinum', 2.0)) as tiers
)

select
    p.passenger_id,
    p.loyalty_tier,
    tiers.col1 as miles_multiplier
from {{ ref('i04_stg_passengers') }} as p
inner join tiers on p.loyalty_tier = tiers.col0
