{#- dbt's cross-database macros for types, casts and strings, written for meshlint: the same SQL as
    dbt and the adapter plugins render for snowflake, bigquery, postgres, redshift, databricks, spark,
    duckdb and trino, up to whitespace and SQL comments. -#}

{#- ---------------------------------------------------------------- data types
    dbt's defaults ask the adapter's Column class to translate a type label; the answers are written
    out here per adapter. -#}

{#- The adapter's spelling of the `string` label (dbt's `api.Column.translate_type('string')`) -#}
{% macro string_type_label() -%}
  {{ return(adapter.dispatch('string_type_label', 'dbt')()) }}
{%- endmacro %}
{% macro default__string_type_label() %}{{ return('TEXT') }}{% endmacro %}
{% macro bigquery__string_type_label() %}{{ return('string') }}{% endmacro %}
{% macro spark__string_type_label() %}{{ return('string') }}{% endmacro %}
{% macro trino__string_type_label() %}{{ return('VARCHAR') }}{% endmacro %}

{% macro type_string() -%}
  {{ return(adapter.dispatch('type_string', 'dbt')()) }}
{%- endmacro %}
{% macro default__type_string() %}{{ return(string_type_label()) }}{% endmacro %}
{% macro snowflake__type_string() %}{{ return('varchar') }}{% endmacro %}
{% macro redshift__type_string() %}{{ return('varchar') }}{% endmacro %}
{% macro trino__type_string() %}{{ return('varchar') }}{% endmacro %}

{% macro type_timestamp() -%}
  {{ return(adapter.dispatch('type_timestamp', 'dbt')()) }}
{%- endmacro %}
{% macro default__type_timestamp() %}{{ return('timestamp') }}{% endmacro %}
{% macro snowflake__type_timestamp() %}{{ return('timestamp_ntz') }}{% endmacro %}
{% macro trino__type_timestamp() %}{{ return('TIMESTAMP') }}{% endmacro %}

{% macro type_float() -%}
  {{ return(adapter.dispatch('type_float', 'dbt')()) }}
{%- endmacro %}
{% macro default__type_float() %}{{ return('float') }}{% endmacro %}
{% macro bigquery__type_float() %}{{ return('float64') }}{% endmacro %}
{% macro trino__type_float() %}{{ return('double') }}{% endmacro %}

{% macro type_numeric() -%}
  {{ return(adapter.dispatch('type_numeric', 'dbt')()) }}
{%- endmacro %}
{% macro default__type_numeric() %}{{ return('numeric(28,6)') }}{% endmacro %}
{% macro bigquery__type_numeric() %}{{ return('numeric') }}{% endmacro %}
{% macro trino__type_numeric() %}{{ return('decimal(28, 6)') }}{% endmacro %}

{% macro type_bigint() -%}
  {{ return(adapter.dispatch('type_bigint', 'dbt')()) }}
{%- endmacro %}
{% macro default__type_bigint() %}{{ return('bigint') }}{% endmacro %}
{% macro bigquery__type_bigint() %}{{ return('int64') }}{% endmacro %}

{% macro type_int() -%}
  {{ return(adapter.dispatch('type_int', 'dbt')()) }}
{%- endmacro %}
{% macro default__type_int() %}{{ return('integer') }}{% endmacro %}
{% macro bigquery__type_int() %}{{ return('int64') }}{% endmacro %}

{% macro type_boolean() -%}
  {{ return(adapter.dispatch('type_boolean', 'dbt')()) }}
{%- endmacro %}
{% macro default__type_boolean() %}{{ return('boolean') }}{% endmacro %}

{#- ---------------------------------------------------------------- casts -#}

{% macro cast(field, type) -%}
  {{ return(adapter.dispatch('cast', 'dbt')(field, type)) }}
{%- endmacro %}

{% macro default__cast(field, type) -%}
cast({{ field }} as {{ type }})
{%- endmacro %}

{% macro snowflake__cast(field, type) -%}
{%- if type | upper == 'GEOGRAPHY' -%}
to_geography({{ field }})
{%- elif type | upper == 'GEOMETRY' -%}
to_geometry({{ field }})
{%- else -%}
cast({{ field }} as {{ type }})
{%- endif -%}
{%- endmacro %}

{% macro safe_cast(field, type) -%}
  {{ return(adapter.dispatch('safe_cast', 'dbt')(field, type)) }}
{%- endmacro %}

{% macro default__safe_cast(field, type) -%}
cast({{ field }} as {{ type }})
{%- endmacro %}

{#- Snowflake's try_cast takes only strings and cannot produce a variant -#}
{% macro snowflake__safe_cast(field, type) -%}
{%- if type | upper == 'GEOMETRY' -%}
try_to_geometry({{ field }})
{%- elif type | upper == 'GEOGRAPHY' -%}
try_to_geography({{ field }})
{%- elif type | upper != 'VARIANT' -%}
try_cast({{ dbt.string_literal(field) if field is number else field }} as {{ type }})
{%- else -%}
{{ adapter.dispatch('cast', 'dbt')(field, type) }}
{%- endif -%}
{%- endmacro %}

{% macro bigquery__safe_cast(field, type) -%}
{%- set lowered = type | lower -%}
{%- if lowered.startswith('array') and field is iterable and field is not string and field is not mapping and field | length > 0 -%}
(select array_agg(safe_cast(i as {{ lowered[6:-1] }})) from unnest({{ field }}) i)
{%- elif lowered == 'json' and field is mapping -%}
safe_cast(json {{ dbt.string_literal(tojson(field)) }} as json)
{%- elif lowered.startswith('struct') and field is string -%}
safe_cast({{ field.strip('"').strip("'") }} as {{ type }})
{%- else -%}
safe_cast({{ field }} as {{ type }})
{%- endif -%}
{%- endmacro %}

{#- Spark cannot cast a string literal to a struct, array or map: the literal's quotes are dropped -#}
{% macro spark__safe_cast(field, type) -%}
{%- set lowered = type | lower -%}
{%- set complex = lowered.startswith('struct') or lowered.startswith('array') or lowered.startswith('map') -%}
cast({{ field.strip('"').strip("'") if (complex and field is string) else field }} as {{ type }})
{%- endmacro %}

{% macro trino__safe_cast(field, type) -%}
try_cast({{ field }} as {{ type }})
{%- endmacro %}

{% macro cast_bool_to_text(field) -%}
  {{ adapter.dispatch('cast_bool_to_text', 'dbt')(field) }}
{%- endmacro %}

{% macro default__cast_bool_to_text(field) -%}
cast({{ field }} as {{ string_type_label() }})
{%- endmacro %}

{#- ---------------------------------------------------------------- strings -#}

{% macro concat(fields) -%}
  {{ return(adapter.dispatch('concat', 'dbt')(fields)) }}
{%- endmacro %}

{% macro default__concat(fields) -%}
{{ fields | join(' || ') }}
{%- endmacro %}

{% macro spark__concat(fields) -%}
concat({{ fields | join(', ') }})
{%- endmacro %}

{% macro hash(field) -%}
  {{ return(adapter.dispatch('hash', 'dbt')(field)) }}
{%- endmacro %}

{% macro default__hash(field) -%}
md5(cast({{ field }} as {{ string_type_label() }}))
{%- endmacro %}

{% macro bigquery__hash(field) -%}
to_hex({{ dbt.default__hash(field) }})
{%- endmacro %}

{% macro trino__hash(field) -%}
lower(to_hex(md5(to_utf8(cast({{ field }} as varchar)))))
{%- endmacro %}

{% macro split_part(string_text, delimiter_text, part_number) -%}
  {{ return(adapter.dispatch('split_part', 'dbt')(string_text, delimiter_text, part_number)) }}
{%- endmacro %}

{% macro default__split_part(string_text, delimiter_text, part_number) -%}
split_part({{ string_text }}, {{ delimiter_text }}, {{ part_number }})
{%- endmacro %}

{#- A negative part counts from the end: its position is found from the number of delimiters -#}
{% macro _split_part_negative(string_text, delimiter_text, part_number) -%}
split_part({{ string_text }}, {{ delimiter_text }}, length({{ string_text }}) - length(replace({{ string_text }}, {{ delimiter_text }}, '')) + 2 + {{ part_number }})
{%- endmacro %}

{% macro postgres__split_part(string_text, delimiter_text, part_number) -%}
{%- if part_number >= 0 -%}
{{ dbt.default__split_part(string_text, delimiter_text, part_number) }}
{%- else -%}
{{ dbt._split_part_negative(string_text, delimiter_text, part_number) }}
{%- endif -%}
{%- endmacro %}

{% macro redshift__split_part(string_text, delimiter_text, part_number) -%}
{{ postgres__split_part(string_text, delimiter_text, part_number) }}
{%- endmacro %}

{% macro trino__split_part(string_text, delimiter_text, part_number) -%}
{{ postgres__split_part(string_text, delimiter_text, part_number) }}
{%- endmacro %}

{#- dbt-bigquery counts a negative part as it does here (the part number itself is not used) -#}
{% macro bigquery__split_part(string_text, delimiter_text, part_number) -%}
{%- if part_number >= 0 -%}
split({{ string_text }}, {{ delimiter_text }})[safe_offset({{ part_number - 1 }})]
{%- else -%}
split({{ string_text }}, {{ delimiter_text }})[safe_offset(length({{ string_text }}) - length(replace({{ string_text }}, {{ delimiter_text }}, '')) + 1)]
{%- endif -%}
{%- endmacro %}

{% macro duckdb__split_part(string_text, delimiter_text, part_number) -%}
string_split({{ string_text }}, {{ delimiter_text }})[ {{ part_number }} ]
{%- endmacro %}

{#- Spark splits on a regular expression: a delimiter starting with a special character is escaped -#}
{% macro spark_split_delimiter(delimiter_text) -%}
case when regexp_extract({{ delimiter_text }}, '([^A-Za-z0-9])(.*)', 1) != '_' then concat('\\', {{ delimiter_text }}) else {{ delimiter_text }} end
{%- endmacro %}

{% macro spark__split_part(string_text, delimiter_text, part_number) -%}
{%- set delimiter = spark_split_delimiter(delimiter_text) -%}
{%- if part_number >= 0 -%}
split({{ string_text }}, {{ delimiter }})[({{ part_number - 1 if part_number > 0 else part_number }})]
{%- else -%}
split({{ string_text }}, {{ delimiter }})[(length({{ string_text }}) - length(replace({{ string_text }}, {{ delimiter_text }}, '')) + 1 {{ part_number }})]
{%- endif -%}
{%- endmacro %}

{% macro databricks__split_part(string_text, delimiter_text, part_number) -%}
{%- set delimiter = spark_split_delimiter(delimiter_text) -%}
{%- if part_number >= 0 -%}
get(split({{ string_text }}, {{ delimiter }}), {{ part_number - 1 if part_number > 0 else part_number }})
{%- else -%}
get(split({{ string_text }}, {{ delimiter }}), length({{ string_text }}) - length(replace({{ string_text }}, {{ delimiter_text }}, '')) + 1 + {{ part_number }})
{%- endif -%}
{%- endmacro %}

{% macro position(substring_text, string_text) -%}
  {{ return(adapter.dispatch('position', 'dbt')(substring_text, string_text)) }}
{%- endmacro %}

{% macro default__position(substring_text, string_text) -%}
position({{ substring_text }} in {{ string_text }})
{%- endmacro %}

{% macro bigquery__position(substring_text, string_text) -%}
strpos({{ string_text }}, {{ substring_text }})
{%- endmacro %}

{% macro length(expression) -%}
  {{ return(adapter.dispatch('length', 'dbt')(expression)) }}
{%- endmacro %}

{% macro default__length(expression) -%}
length({{ expression }})
{%- endmacro %}

{% macro redshift__length(expression) -%}
len({{ expression }})
{%- endmacro %}

{% macro replace(field, old_chars, new_chars) -%}
  {{ return(adapter.dispatch('replace', 'dbt')(field, old_chars, new_chars)) }}
{%- endmacro %}

{% macro default__replace(field, old_chars, new_chars) -%}
replace({{ field }}, {{ old_chars }}, {{ new_chars }})
{%- endmacro %}

{% macro right(string_text, length_expression) -%}
  {{ return(adapter.dispatch('right', 'dbt')(string_text, length_expression)) }}
{%- endmacro %}

{% macro default__right(string_text, length_expression) -%}
right({{ string_text }}, {{ length_expression }})
{%- endmacro %}

{% macro snowflake__right(string_text, length_expression) -%}
case when {{ length_expression }} = 0 then '' else right({{ string_text }}, {{ length_expression }}) end
{%- endmacro %}

{% macro bigquery__right(string_text, length_expression) -%}
case when {{ length_expression }} = 0 then '' else substr({{ string_text }}, -1 * ({{ length_expression }})) end
{%- endmacro %}

{% macro trino__right(string_text, length_expression) -%}
{{ bigquery__right(string_text, length_expression) }}
{%- endmacro %}

{% macro escape_single_quotes(expression) -%}
  {{ return(adapter.dispatch('escape_single_quotes', 'dbt')(expression)) }}
{%- endmacro %}

{% macro default__escape_single_quotes(expression) -%}
{{ expression | replace("'", "''") }}
{%- endmacro %}

{#- Snowflake, BigQuery and Spark escape a quote with a backslash -#}
{% macro snowflake__escape_single_quotes(expression) -%}
{{ expression | replace("'", "\\'") }}
{%- endmacro %}

{% macro bigquery__escape_single_quotes(expression) -%}
{{ snowflake__escape_single_quotes(expression) }}
{%- endmacro %}

{% macro spark__escape_single_quotes(expression) -%}
{{ snowflake__escape_single_quotes(expression) }}
{%- endmacro %}

{% macro string_literal(value) -%}
  {{ return(adapter.dispatch('string_literal', 'dbt')(value)) }}
{%- endmacro %}

{% macro default__string_literal(value) -%}
'{{ value }}'
{%- endmacro %}

{% macro bigquery__string_literal(value) -%}
'''{{ value }}'''
{%- endmacro %}

{#- ---------------------------------------------------------------- comparisons and set operators -#}

{% macro equals(expr1, expr2) -%}
  {{ return(adapter.dispatch('equals', 'dbt')(expr1, expr2)) }}
{%- endmacro %}

{#- dbt's `enable_truthy_nulls_equals_macro` behaviour flag is off by default -#}
{% macro default__equals(expr1, expr2) -%}
({{ expr1 }} = {{ expr2 }})
{%- endmacro %}

{% macro except() -%}
  {{ return(adapter.dispatch('except', 'dbt')()) }}
{%- endmacro %}

{% macro default__except() -%}
except
{%- endmacro %}

{% macro bigquery__except() -%}
except distinct
{%- endmacro %}

{% macro intersect() -%}
  {{ return(adapter.dispatch('intersect', 'dbt')()) }}
{%- endmacro %}

{% macro default__intersect() -%}
intersect
{%- endmacro %}

{% macro bigquery__intersect() -%}
intersect distinct
{%- endmacro %}
