{# Great-circle distance in km between two points given in degrees (haversine). #}
{% macro great_circle_km(lat1, lon1, lat2, lon2) -%}
    (2 * 6371 * asin(sqrt(
        pow(sin(radians({{ lat2 }} - {{ lat1 }}) / 2), 2)
        + cos(radians({{ lat1 }})) * cos(radians({{ lat2 }})) * pow(sin(radians({{ lon2 }} - {{ lon1 }}) / 2), 2)
    )))
{%- endmacro %}

{# A stable text key over several columns. #}
{% macro booking_key(columns) -%}
    md5(concat_ws('|'{% for column in columns %}, coalesce(cast({{ column }} as varchar), '~'){% endfor %}))
{%- endmacro %}

{# One `count(*) filter` per scan type. #}
{% macro scan_type_counts(scan_types) -%}
    {%- for scan_type in scan_types %}
    count(*) filter (where scan_type = '{{ scan_type }}') as {{ scan_type }}_scans{% if not loop.last %},{% endif %}
    {%- endfor %}
{%- endmacro %}
