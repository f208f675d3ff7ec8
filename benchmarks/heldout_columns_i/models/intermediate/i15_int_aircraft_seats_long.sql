unpivot {{ ref('i02_stg_aircraft') }}
on seats_economy, seats_premium, seats_business, seats_first
into
    name seat_class
    value seat_count
