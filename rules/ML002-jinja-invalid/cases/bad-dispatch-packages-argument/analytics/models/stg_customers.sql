select
    1 as customer_id,
    cast('Ann' as {{ text_type() }}) as first_name  -- expect: ML002
