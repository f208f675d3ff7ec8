-- DuckDB's one-column table functions as FROM items: named after the function, or after a table alias
with days as (select * from range(date '2024-05-01', date '2024-05-04', interval 1 day)),
     nums as (select * from generate_series(1, 3) as n),
     tags as (select * from unnest(['a', 'b']))
select days.*, nums.*, tags.*
from days, nums, tags
