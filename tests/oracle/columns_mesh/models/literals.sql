{{ config(materialized='table') }}
-- literals
select
    1 as int_literal,
    3000000000 as big_literal,
    -7 as negative_literal,
    1.5 as decimal_literal,
    123.456 as wider_decimal_literal,
    1e3 as exponent_literal,
    'abc' as string_literal,
    true as boolean_literal,
    date '2024-01-01' as date_literal,
    timestamp '2024-01-01 10:00:00' as timestamp_literal,
    interval 3 day as interval_literal,
    [1, 2, 3] as list_literal,
    {'a': 1, 'b': 'x'} as struct_literal,
    null as null_literal,
    cast(null as varchar) as typed_null
