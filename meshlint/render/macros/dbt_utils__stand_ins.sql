{#- Stand-ins for dbt_utils macros, used when a project calls them without the package installed
    under dbt_packages/ (CI before `dbt deps`). Written for meshlint to render the same SQL as
    dbt_utils 1.x for the same arguments; what only a warehouse knows stays unknown. -#}

{% macro get_column_values(table, column, order_by='count(*) desc', max_records=none, default=none, where=none) -%}
  {%- if not execute -%}
    {{ return(default if default is not none else []) }}
  {%- endif -%}
  {{ return(meshlint_unknown("`dbt_utils.get_column_values` needs the warehouse")) }}
{%- endmacro %}

{% macro pivot(column, values, alias=true, agg='sum', cmp='=', prefix='', suffix='', then_value=1, else_value=0, quote_identifiers=true, distinct=false) -%}
  {%- for value in values %}
  {{ agg }}(
    {% if distinct %}distinct {% endif -%}
    case when {{ column }} {{ cmp }} '{{ dbt.escape_single_quotes(value) }}' then {{ then_value }} else {{ else_value }} end
  )
  {%- if alias %} as {{ adapter.quote(prefix ~ value ~ suffix) if quote_identifiers else (prefix ~ value ~ suffix) }}{% endif %}
  {%- if not loop.last %},{% endif %}
  {%- endfor %}
{%- endmacro %}
