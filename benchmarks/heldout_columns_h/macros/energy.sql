{% macro kwh_to_mwh(column_name) -%}
    ({{ column_name }} / 1000.0)
{%- endmacro %}

{% macro band_flags(bands) -%}
    {%- for band in bands %}
    sum(band_import_kwh) filter (where band_name = '{{ band }}') as {{ band }}_kwh{% if not loop.last %},{% endif %}
    {%- endfor %}
{%- endmacro %}
