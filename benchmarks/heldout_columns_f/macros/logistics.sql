{% macro hours_between(start_col, end_col) -%}
    date_diff('hour', {{ start_col }}, {{ end_col }})
{%- endmacro %}

{% macro signed_quantity(quantity_col, direction_col) -%}
    case when {{ direction_col }} = 'out' then -{{ quantity_col }} else {{ quantity_col }} end
{%- endmacro %}

{% macro carrier_columns(carriers) -%}
    {%- for c in carriers %}
    sum(case when carrier = '{{ c }}' then cost else 0 end) as {{ c }}_cost{% if not loop.last %},{% endif %}
    {%- endfor %}
{%- endmacro %}
