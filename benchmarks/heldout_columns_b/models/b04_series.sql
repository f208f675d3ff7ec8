select * from generate_series(1, 10) as s(n)
