with m as (select * from (values ('PT', 'Europe'), ('DK', 'Europe'), ('CN', 'Asia')) as m(code, region))
select c.customer_id, m.region from {{ ref('customers') }} c left join m on m.code = c.country
