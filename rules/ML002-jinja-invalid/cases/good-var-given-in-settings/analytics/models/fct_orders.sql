{% if var('start_date', none) is none %}
    {{ exceptions.raise_compiler_error("fct_orders needs the var `start_date`") }}
{% endif %}

select 1 as order_id, cast('{{ var("start_date", "") }}' as date) as start_date
