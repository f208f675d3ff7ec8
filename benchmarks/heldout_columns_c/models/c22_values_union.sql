select * from (values (1, 'x')) union all select * from (values (2, 'y'))
