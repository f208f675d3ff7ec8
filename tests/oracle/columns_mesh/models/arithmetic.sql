-- arithmetic between numeric types
select
    product_id,
    product_id + 1 as int_plus_int,
    product_id * units as int_times_bigint,
    product_id / 2 as int_divided,
    product_id // 2 as int_int_divided,
    product_id % 3 as int_modulo,
    -product_id as negated,
    price * 2 as decimal_times_int,
    price * price as decimal_times_decimal,
    price + 1.25 as decimal_plus_decimal,
    price * weight as decimal_times_double,
    weight / 2 as double_divided,
    round(price, 1) as rounded_price,
    abs(units - 100) as distance,
    price * 1.1 as marked_up
from {{ ref('stg_products') }}
