select *
from (values ('bronze', 60), ('silver', 70), ('gold', 80), ('platinum', 90))
