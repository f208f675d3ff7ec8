with usage as (
    select s.tariff_code, sum(d.import_kwh) as import_kwh, count(distinct d.usage_date) as days
    from {{ ref('h35_fct_daily_usage') }} as d
    join {{ ref('h34_dim_meters') }} as m on m.meter_id = d.meter_id
    join {{ ref('h02_stg_sites') }} as s on s.site_id = m.site_id
    group by s.tariff_code
)

select
    t.tariff_code,
    t.tariff_name,
    u.import_kwh,
    u.days,
    cast(u.import_kwh * t.unit_rate / 100 as decimal(12, 2)) as energy_cost_gbp,
    cast(u.days * t.standing_charge as decimal(12, 2)) as standing_cost_gbp
from {{ ref('h04_stg_tariffs') }} as t
left join usage as u on u.tariff_code = t.tariff_code
