{% macro age_on(birth_col, as_of) -%}
    date_diff('year', {{ birth_col }}, date '{{ as_of }}')
{%- endmacro %}

{% macro status_counts(statuses) -%}
    {%- for s in statuses %}
    count(*) filter (where claim_status = '{{ s }}') as {{ s }}_claims{% if not loop.last %},{% endif %}
    {%- endfor %}
{%- endmacro %}

{% macro member_responsibility(billed, paid) -%}
    coalesce({{ billed }}, 0) - coalesce({{ paid }}, 0)
{%- endmacro %}
