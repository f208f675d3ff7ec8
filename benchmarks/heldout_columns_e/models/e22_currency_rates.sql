select *
from (values ('USD', 1.0), ('EUR', 1.08), ('GBP', 1.27))
