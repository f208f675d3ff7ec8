-- cast(), ::, try_cast and DuckDB's type names
select
    cast(product_id as varchar) as product_id_text,
    product_id::bigint as product_id_big,
    product_id::smallint as product_id_small,
    product_id::tinyint as product_id_tiny,
    product_id::hugeint as product_id_huge,
    units::int as units_int,
    price::decimal(12, 4) as price_precise,
    price::numeric as price_default_numeric,
    price::double as price_double,
    price::float as price_float,
    price::real as price_real,
    weight::decimal(5, 1) as weight_decimal,
    launched_at::date as launched_date,
    launched_on::timestamp as launched_on_ts,
    cast('2024-01-01 12:00:00' as timestamptz) as fixed_tstz,
    sku::text as sku_text,
    try_cast(sku as integer) as sku_number,
    cast(in_stock as integer) as in_stock_int,
    cast('12:30:00' as time) as noon_ish,
    cast('P1D' as interval) as one_day
from {{ ref('stg_products') }}
