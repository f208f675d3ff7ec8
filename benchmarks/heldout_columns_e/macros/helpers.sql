{% macro cents_to_dollars(column_name, scale=2) -%}
    round({{ column_name }} / 100.0, {{ scale }})
{%- endmacro %}

{% macro surrogate_key(field_list) -%}
    md5(concat_ws('-', {% for f in field_list %}coalesce(cast({{ f }} as varchar), '_null_'){% if not loop.last %}, {% endif %}{% endfor %}))
{%- endmacro %}

{% macro star_except(relation, except=[]) -%}
    {%- set cols = adapter.get_columns_in_relation(relation) -%}
    {%- for col in cols if col.name | lower not in except -%}
        {{ adapter.quote(col.name) }}{% if not loop.last %}, {% endif %}
    {%- endfor -%}
{%- endmacro %}

{% macro count_if_equals(column_name, values) -%}
    {%- for v in values %}
    count(*) filter (where {{ column_name }} = '{{ v }}') as {{ v }}_count{% if not loop.last %},{% endif %}
    {%- endfor %}
{%- endmacro %}

{% macro month_start(column_name) -%}
    date_trunc('month', {{ column_name }})
{%- endmacro %}
