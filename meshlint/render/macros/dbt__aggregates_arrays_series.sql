{#- dbt's cross-database aggregate, array and series macros, written for meshlint: the same SQL as dbt
    and the adapter plugins render for snowflake, bigquery, postgres, redshift, databricks, spark,
    duckdb and trino, up to whitespace and SQL comments. -#}

{#- ---------------------------------------------------------------- aggregates -#}

{% macro any_value(expression) -%}
  {{ return(adapter.dispatch('any_value', 'dbt')(expression)) }}
{%- endmacro %}

{% macro default__any_value(expression) -%}
any_value({{ expression }})
{%- endmacro %}

{#- Postgres has no any_value; Redshift and Trino keep the Postgres answer -#}
{% macro postgres__any_value(expression) -%}
min({{ expression }})
{%- endmacro %}

{% macro redshift__any_value(expression) -%}
min({{ expression }})
{%- endmacro %}

{% macro trino__any_value(expression) -%}
min({{ expression }})
{%- endmacro %}

{% macro duckdb__any_value(expression) -%}
arbitrary({{ expression }})
{%- endmacro %}

{% macro spark__any_value(expression) -%}
first({{ expression }})
{%- endmacro %}

{% macro bool_or(expression) -%}
  {{ return(adapter.dispatch('bool_or', 'dbt')(expression)) }}
{%- endmacro %}

{% macro default__bool_or(expression) -%}
bool_or({{ expression }})
{%- endmacro %}

{% macro snowflake__bool_or(expression) -%}
boolor_agg({{ expression }})
{%- endmacro %}

{% macro bigquery__bool_or(expression) -%}
logical_or({{ expression }})
{%- endmacro %}

{% macro spark__bool_or(expression) -%}
max({{ expression }})
{%- endmacro %}

{% macro listagg(measure, delimiter_text="','", order_by_clause=none, limit_num=none) -%}
  {{ return(adapter.dispatch('listagg', 'dbt')(measure, delimiter_text, order_by_clause, limit_num)) }}
{%- endmacro %}

{% macro default__listagg(measure, delimiter_text, order_by_clause, limit_num) -%}
{%- set within = (' within group (' ~ order_by_clause ~ ')') if order_by_clause else '' -%}
{%- if limit_num -%}
array_to_string(array_slice(array_agg({{ measure }}){{ within }}, 0, {{ limit_num }}), {{ delimiter_text }})
{%- else -%}
listagg({{ measure }}, {{ delimiter_text }}){{ within }}
{%- endif -%}
{%- endmacro %}

{% macro bigquery__listagg(measure, delimiter_text, order_by_clause, limit_num) -%}
string_agg({{ measure }}, {{ delimiter_text }}{% if order_by_clause %} {{ order_by_clause }}{% endif %}{% if limit_num %} limit {{ limit_num }}{% endif %})
{%- endmacro %}

{% macro postgres__listagg(measure, delimiter_text, order_by_clause, limit_num) -%}
{%- if limit_num -%}
array_to_string((array_agg({{ measure }}{% if order_by_clause %} {{ order_by_clause }}{% endif %}))[1:{{ limit_num }}], {{ delimiter_text }})
{%- else -%}
string_agg({{ measure }}, {{ delimiter_text }}{% if order_by_clause %} {{ order_by_clause }}{% endif %})
{%- endif -%}
{%- endmacro %}

{% macro duckdb__listagg(measure, delimiter_text, order_by_clause, limit_num) -%}
{%- if limit_num -%}
list_aggr((array_agg({{ measure }}{% if order_by_clause %} {{ order_by_clause }}{% endif %}))[1:{{ limit_num }}], 'string_agg', {{ delimiter_text }})
{%- else -%}
string_agg({{ measure }}, {{ delimiter_text }}{% if order_by_clause %} {{ order_by_clause }}{% endif %})
{%- endif -%}
{%- endmacro %}

{#- Redshift's listagg has no limit: the first parts are cut out of the whole list with a regular
    expression built from the delimiter (so a delimiter inside a value miscounts, as in dbt) -#}
{% macro redshift__listagg(measure, delimiter_text, order_by_clause, limit_num) -%}
{%- set within = (' within group (' ~ order_by_clause ~ ')') if order_by_clause else '' -%}
{%- if limit_num -%}
{%- set ns = namespace(delimiter=delimiter_text | trim("'")) -%}
{%- for char in ['\\', '^', '$', '.', '|', '?', '*', '+', '(', ')', '[', ']', '{', '}'] -%}
{%- set ns.delimiter = ns.delimiter | replace(char, '\\\\' ~ char) -%}
{%- endfor -%}
regexp_substr(listagg({{ measure }}, {{ delimiter_text }}){{ within }}, '([^{{ ns.delimiter }}]+{{ ns.delimiter }}){1,{{ limit_num - 1 }}}[^{{ ns.delimiter }}]+')
{%- else -%}
listagg({{ measure }}, {{ delimiter_text }}){{ within }}
{%- endif -%}
{%- endmacro %}

{#- Spark's collect_list has no order: dbt warns that the order is ignored -#}
{% macro spark__listagg(measure, delimiter_text, order_by_clause, limit_num) -%}
{%- if order_by_clause -%}{%- do exceptions.warn('order_by_clause is not supported for listagg on Spark/Databricks') -%}{%- endif -%}
{%- set collected = 'collect_list(' ~ measure ~ ')' -%}
array_join({{ ('slice(' ~ collected ~ ', 1, ' ~ limit_num ~ ')') if limit_num else collected }}, {{ delimiter_text }})
{%- endmacro %}

{% macro trino__listagg(measure, delimiter_text, order_by_clause, limit_num) -%}
{%- set collected = 'array_agg(' ~ measure ~ ((' ' ~ order_by_clause) if order_by_clause else '') ~ ')' -%}
array_join({{ ('slice(' ~ collected ~ ', 1, ' ~ limit_num ~ ')') if limit_num else collected }}, {{ delimiter_text }})
{%- endmacro %}

{#- ---------------------------------------------------------------- arrays -#}

{#- The adapter's spelling of the `integer` label (dbt's `api.Column.translate_type('integer')`) -#}
{% macro integer_type_label() -%}
  {{ return(adapter.dispatch('integer_type_label', 'dbt')()) }}
{%- endmacro %}
{% macro default__integer_type_label() %}{{ return('integer') }}{% endmacro %}
{% macro bigquery__integer_type_label() %}{{ return('INT64') }}{% endmacro %}
{% macro trino__integer_type_label() %}{{ return('INT') }}{% endmacro %}

{% macro array_construct(inputs=[], data_type=none) -%}
  {{ return(adapter.dispatch('array_construct', 'dbt')(inputs, data_type if data_type is not none else integer_type_label())) }}
{%- endmacro %}

{% macro default__array_construct(inputs, data_type) -%}
{%- if inputs | length > 0 -%}
array[ {{ inputs | join(' , ') }} ]
{%- else -%}
array[]::{{ data_type }}[]
{%- endif -%}
{%- endmacro %}

{% macro snowflake__array_construct(inputs, data_type) -%}
array_construct( {{ inputs | join(' , ') }} )
{%- endmacro %}

{% macro redshift__array_construct(inputs, data_type) -%}
array( {{ inputs | join(' , ') }} )
{%- endmacro %}

{% macro spark__array_construct(inputs, data_type) -%}
array( {{ inputs | join(' , ') }} )
{%- endmacro %}

{% macro bigquery__array_construct(inputs, data_type) -%}
{%- if inputs | length > 0 -%}
[ {{ inputs | join(' , ') }} ]
{%- else -%}
ARRAY<{{ data_type }}>[]
{%- endif -%}
{%- endmacro %}

{% macro trino__array_construct(inputs, data_type) -%}
{%- if not inputs -%}
null
{%- else -%}
array[ {{ inputs | join(' , ') }} ]
{%- endif -%}
{%- endmacro %}

{% macro array_append(array, new_element) -%}
  {{ return(adapter.dispatch('array_append', 'dbt')(array, new_element)) }}
{%- endmacro %}

{% macro default__array_append(array, new_element) -%}
array_append({{ array }}, {{ new_element }})
{%- endmacro %}

{#- Where there is no append function: concatenate a one-element array -#}
{% macro bigquery__array_append(array, new_element) -%}
{{ array_concat(array, array_construct([new_element])) }}
{%- endmacro %}

{% macro redshift__array_append(array, new_element) -%}
{{ array_concat(array, array_construct([new_element])) }}
{%- endmacro %}

{% macro spark__array_append(array, new_element) -%}
{{ array_concat(array, array_construct([new_element])) }}
{%- endmacro %}

{% macro trino__array_append(array, new_element) -%}
{{ array_concat(array, array_construct([new_element])) }}
{%- endmacro %}

{% macro array_concat(array_1, array_2) -%}
  {{ return(adapter.dispatch('array_concat', 'dbt')(array_1, array_2)) }}
{%- endmacro %}

{% macro default__array_concat(array_1, array_2) -%}
array_cat({{ array_1 }}, {{ array_2 }})
{%- endmacro %}

{% macro bigquery__array_concat(array_1, array_2) -%}
array_concat({{ array_1 }}, {{ array_2 }})
{%- endmacro %}

{% macro redshift__array_concat(array_1, array_2) -%}
array_concat({{ array_1 }}, {{ array_2 }})
{%- endmacro %}

{% macro spark__array_concat(array_1, array_2) -%}
concat({{ array_1 }}, {{ array_2 }})
{%- endmacro %}

{% macro trino__array_concat(array_1, array_2) -%}
concat({{ array_1 }}, {{ array_2 }})
{%- endmacro %}

{#- ---------------------------------------------------------------- series and spines -#}

{% macro get_powers_of_two(upper_bound) -%}
  {{ return(adapter.dispatch('get_powers_of_two', 'dbt')(upper_bound)) }}
{%- endmacro %}

{#- The smallest n with 2**n >= upper_bound: the number of binary digits the series needs -#}
{% macro default__get_powers_of_two(upper_bound) -%}
{%- if upper_bound <= 0 -%}
{{ exceptions.raise_compiler_error("upper bound must be positive") }}
{%- endif -%}
{%- for power in range(1, 100) -%}
{%- if upper_bound <= 2 ** power -%}{{ return(power) }}{%- endif -%}
{%- endfor -%}
{%- endmacro %}

{% macro generate_series(upper_bound) -%}
  {{ return(adapter.dispatch('generate_series', 'dbt')(upper_bound)) }}
{%- endmacro %}

{#- Numbers 1..upper_bound from cross joins of a two-row table, one per binary digit -#}
{% macro default__generate_series(upper_bound) -%}
{%- set digits = dbt.get_powers_of_two(upper_bound) -%}
with p as (select 0 as generated_number union all select 1), unioned as (select {% for i in range(digits) %}p{{ i }}.generated_number * power(2, {{ i }}){% if not loop.last %} + {% endif %}{% endfor %} + 1 as generated_number from {% for i in range(digits) %}p as p{{ i }}{% if not loop.last %} cross join {% endif %}{% endfor %}) select * from unioned where generated_number <= {{ upper_bound }} order by generated_number
{%- endmacro %}

{% macro duckdb__generate_series(upper_bound) -%}
select generate_series as generated_number from generate_series(1, {{ upper_bound }})
{%- endmacro %}

{% macro get_intervals_between(start_date, end_date, datepart) -%}
  {{ return(adapter.dispatch('get_intervals_between', 'dbt')(start_date, end_date, datepart)) }}
{%- endmacro %}

{#- dbt asks the warehouse for `datediff(start_date, end_date, datepart)`, and takes 1 when there is no
    answer (always, in the parse pass). The answer only sets how many rows a spine has, never its
    columns, so meshlint does not mark the model open: it works the number out when both ends are
    date literals and the part is a day, month, quarter or year, and takes dbt's 1 otherwise. -#}
{% macro default__get_intervals_between(start_date, end_date, datepart) -%}
  {{ return(dbt.static_intervals_between(start_date, end_date, datepart)) }}
{%- endmacro %}

{% macro static_intervals_between(start_date, end_date, datepart) -%}
{%- set literal = "^\\s*(?:date\\s+|cast\\(\\s*|timestamp\\s+)?'(\\d{4})-(\\d{2})-(\\d{2})(?:[ t][0-9:.]*)?'(?:\\s+as\\s+(?:date|timestamp|datetime)\\s*\\)|::(?:date|timestamp))?\\s*$" -%}
{%- set start = modules.re.match(literal, start_date | string, modules.re.I) if execute else none -%}
{%- set finish = modules.re.match(literal, end_date | string, modules.re.I) if execute else none -%}
{%- if not (start and finish and datepart in ['day', 'month', 'quarter', 'year']) -%}
  {{ return(1) }}
{%- endif -%}
{%- set a = modules.datetime.date(start.group(1) | int, start.group(2) | int, start.group(3) | int) -%}
{%- set b = modules.datetime.date(finish.group(1) | int, finish.group(2) | int, finish.group(3) | int) -%}
{%- if datepart == 'day' -%}
  {%- set count = (b - a).days -%}
{%- elif datepart == 'month' -%}
  {%- set count = (b.year - a.year) * 12 + b.month - a.month -%}
{%- elif datepart == 'quarter' -%}
  {%- set count = (b.year - a.year) * 4 + ((b.month - 1) // 3) - ((a.month - 1) // 3) -%}
{%- else -%}
  {%- set count = b.year - a.year -%}
{%- endif -%}
{{ return(count if count > 0 else 1) }}
{%- endmacro %}

{% macro date_spine(datepart, start_date, end_date) -%}
  {{ return(adapter.dispatch('date_spine', 'dbt')(datepart, start_date, end_date)) }}
{%- endmacro %}

{% macro default__date_spine(datepart, start_date, end_date) -%}
with rawdata as ({{ dbt.generate_series(dbt.get_intervals_between(start_date, end_date, datepart)) }}), all_periods as (select ({{ dbt.dateadd(datepart, 'row_number() over (order by 1) - 1', start_date) }}) as date_{{ datepart }} from rawdata), filtered as (select * from all_periods where date_{{ datepart }} <= {{ end_date }}) select * from filtered
{%- endmacro %}

{% macro trino__date_spine(datepart, start_date, end_date) -%}
with rawdata as ({{ dbt.generate_series(dbt.get_intervals_between(start_date, end_date, datepart)) }}), all_periods as (select ({{ dbt.dateadd(datepart, 'row_number() over (order by 1) - 1', 'cast(' ~ start_date ~ ' as date)') }}) as date_{{ datepart }} from rawdata), filtered as (select * from all_periods where date_{{ datepart }} <= cast({{ end_date }} as date)) select * from filtered
{%- endmacro %}

{% macro databricks__date_spine(datepart, start_date, end_date) -%}
select ({{ dbt.dateadd(datepart, 'row_number() over (order by 1) - 1', start_date) }}) as date_{{ datepart }} from explode(sequence(1, {{ dbt.datediff(start_date, end_date, datepart) }}))
{%- endmacro %}
