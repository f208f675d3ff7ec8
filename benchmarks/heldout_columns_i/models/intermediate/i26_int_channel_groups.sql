-- channel lookup maintained by the commercial team
select *
from (values
    ('web', 'direct', 0.00),
    ('app', 'direct', 0.00),
    ('agent', 'indirect', 0.05),
    ('corporate', 'indirect', 0.02)
)
