{#- dbt's cross-database macros, written for meshlint: each dispatches on the adapter with dbt's
    search order (`<adapter>__name`, parents, then `default__name`). -#}

{% macro datediff(first_date, second_date, datepart) -%}
  {{ return(adapter.dispatch('datediff', 'dbt')(first_date, second_date, datepart)) }}
{%- endmacro %}

{% macro default__datediff(first_date, second_date, datepart) -%}
datediff({{ datepart }}, {{ first_date }}, {{ second_date }})
{%- endmacro %}

{% macro duckdb__datediff(first_date, second_date, datepart) -%}
date_diff('{{ datepart }}', {{ first_date }}::timestamp, {{ second_date }}::timestamp)
{%- endmacro %}

{% macro bigquery__datediff(first_date, second_date, datepart) -%}
datetime_diff(cast({{ second_date }} as datetime), cast({{ first_date }} as datetime), {{ datepart }})
{%- endmacro %}

{% macro postgres__datediff(first_date, second_date, datepart) -%}
{%- if datepart in ('day', 'week') -%}
(({{ second_date }})::date - ({{ first_date }})::date){% if datepart == 'week' %} / 7{% endif %}
{%- elif datepart in ('year', 'quarter', 'month') -%}
(date_part('year', ({{ second_date }})::date) - date_part('year', ({{ first_date }})::date)){% if datepart != 'year' %} * 12 + date_part('month', ({{ second_date }})::date) - date_part('month', ({{ first_date }})::date){% endif %}
{%- else -%}
floor(extract(epoch from ({{ second_date }})::timestamp - ({{ first_date }})::timestamp){% if datepart == 'minute' %} / 60{% elif datepart == 'hour' %} / 3600{% endif %})
{%- endif -%}
{%- endmacro %}

{% macro escape_single_quotes(expression) -%}
  {{ return(adapter.dispatch('escape_single_quotes', 'dbt')(expression)) }}
{%- endmacro %}

{% macro default__escape_single_quotes(expression) -%}
{{ expression | replace("'", "''") }}
{%- endmacro %}

{% macro bigquery__escape_single_quotes(expression) -%}
{{ expression | replace("'", "\\'") }}
{%- endmacro %}
