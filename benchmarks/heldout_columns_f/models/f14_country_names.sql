select c.code, c.country_name, count(s.shipment_id) as shipments
from (values ('DE', 'Germany'), ('FR', 'France'), ('PL', 'Poland'), ('ES', 'Spain')) as c(code, country_name)
left join {{ ref('f02_stg_shipments') }} as s on s.destination_country = c.code
group by all
