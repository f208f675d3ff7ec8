select * from (values (1, 'one'), (2, 'two')) as t(num, word)
