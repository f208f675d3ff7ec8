-- dbt's cross-database macros, as dbt-duckdb renders them
select
    product_id,
    {{ dbt.date_trunc('month', 'launched_on') }} as launch_month,
    {{ dbt.last_day('launched_on', 'month') }} as launch_month_end,
    {{ dbt.datediff('launched_on', "date '2025-01-01'", 'week') }} as weeks_to_2025,
    {{ dbt.safe_cast('sku', dbt.type_int()) }} as sku_safe_int,
    cast(price as {{ dbt.type_numeric() }}) as price_numeric,
    cast(product_id as {{ dbt.type_string() }}) as id_string,
    cast(launched_on as {{ dbt.type_timestamp() }}) as launched_ts,
    cast(units as {{ dbt.type_bigint() }}) as units_bigint,
    cast(weight as {{ dbt.type_float() }}) as weight_float,
    {{ dbt.hash('sku') }} as sku_hash,
    {{ dbt.cast_bool_to_text('in_stock') }} as in_stock_text,
    {{ dbt.split_part('sku', "'-'", 1) }} as sku_letter,
    {{ dbt.length('sku') }} as sku_length,
    {{ dbt.position("'-'", 'sku') }} as dash_at,
    {{ dbt.right('sku', 3) }} as sku_digits,
    {{ dbt.replace('sku', "'-'", "''") }} as sku_plain,
    {{ dbt.current_timestamp() }} as loaded_at
from {{ ref('stg_products') }}
