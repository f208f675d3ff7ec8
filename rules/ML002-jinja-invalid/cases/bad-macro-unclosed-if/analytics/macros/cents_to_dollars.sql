{% macro cents_to_dollars(column, scale=2) %}
    {% if scale > 0 %}
    ({{ column }} / 100)::number(16, {{ scale }})
{% endmacro %}  -- expect: ML002
