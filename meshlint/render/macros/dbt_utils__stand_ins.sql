{#- Stand-ins for dbt_utils 1.x macros, used when a project calls them without the package installed
    under dbt_packages/ (CI before `dbt deps`). Written for meshlint to render the same SQL as
    dbt_utils 1.x for the same arguments, up to whitespace and SQL comments. What only a warehouse
    knows stays unknown: the model is marked open and `meshlint__unknown` stands in the SQL. Each
    macro dispatches in the `dbt_utils` namespace as the package does, so a project's own
    `<adapter>__<name>` overrides still apply. -#}

{#- ---------------------------------------------------------------- argument checks -#}

{#- dbt_utils fails when a macro that needs a relation is given something else (a string, usually);
    a relation is a mapping whose metadata names a Relation type. One only the warehouse knows (from
    `get_relations_by_pattern`, say) passes: the model is already open. -#}
{% macro _is_relation(obj, macro) -%}
{%- if obj is not meshlint_unknown and not (obj is mapping and obj.get('metadata', {}).get('type', '').endswith('Relation')) -%}
{%- do exceptions.raise_compiler_error("Macro " ~ macro ~ " expected a Relation but received the value: " ~ obj) -%}
{%- endif -%}
{%- endmacro %}

{#- dbt_utils also rejects ephemeral models, which meshlint cannot tell apart here -#}
{% macro _is_ephemeral(obj, macro) -%}
{%- endmacro %}

{#- A column type's string size as dbt's Column counts it (256 for an unsized string), or none -#}
{% macro _string_size(data_type) -%}
{%- set found = modules.re.match('^\\s*(text|character varying|character|varchar)\\s*(?:\\(\\s*(\\d+)\\s*\\))?\\s*$', data_type | string | lower) -%}
{{ return(none if not found else ((found.group(2) | int) if found.group(2) and found.group(1) != 'text' else 256)) }}
{%- endmacro %}

{#- ---------------------------------------------------------------- introspection -#}

{% macro get_filtered_columns_in_relation(from, except=[]) -%}
  {{ return(adapter.dispatch('get_filtered_columns_in_relation', 'dbt_utils')(from, except)) }}
{%- endmacro %}

{% macro default__get_filtered_columns_in_relation(from, except=[]) -%}
{%- do dbt_utils._is_relation(from, 'get_filtered_columns_in_relation') -%}
{%- if not execute -%}
  {{ return([]) }}
{%- endif -%}
{%- set columns = from if from is meshlint_unknown else adapter.get_columns_in_relation(from) -%}
{%- if columns is meshlint_unknown -%}
  {{ return(columns) }}
{%- endif -%}
{%- set excluded = except | map('lower') | list -%}
{%- set kept = [] -%}
{%- for column in columns if column.column | lower not in excluded -%}
  {%- do kept.append(column.column) -%}
{%- endfor -%}
{{ return(kept) }}
{%- endmacro %}

{% macro star(from, relation_alias=False, except=[], prefix='', suffix='', quote_identifiers=True) -%}
  {{ return(adapter.dispatch('star', 'dbt_utils')(from, relation_alias, except, prefix, suffix, quote_identifiers)) }}
{%- endmacro %}

{% macro default__star(from, relation_alias=False, except=[], prefix='', suffix='', quote_identifiers=True) -%}
{%- do dbt_utils._is_relation(from, 'star') -%}
{%- if not execute -%}
  {{ return('*') }}
{%- endif -%}
{%- set columns = dbt_utils.get_filtered_columns_in_relation(from, except) -%}
{%- if columns is meshlint_unknown -%}
  {{ return(columns) }}
{%- endif -%}
{%- if columns | length <= 0 -%}
  {%- if flags.WHICH == 'compile' -%}
    {{ return('*\n/* No columns were returned. Maybe the relation doesn\'t exist yet \nor all columns were excluded. This star is only output during  \ndbt compile, and exists to keep SQLFluff happy. */') }}
  {%- else -%}
    {{ return('/* no columns returned from star() macro */') }}
  {%- endif -%}
{%- endif -%}
{%- set renamed = prefix != '' or suffix != '' -%}
{%- for column in columns -%}
{%- if relation_alias %}{{ relation_alias }}.{% endif -%}
{%- if quote_identifiers -%}
{{ adapter.quote(column) | trim }}{% if renamed %} as {{ adapter.quote(prefix ~ column ~ suffix) | trim }}{% endif %}
{%- else -%}
{{ column | trim }}{% if renamed %} as {{ (prefix ~ column ~ suffix) | trim }}{% endif %}
{%- endif -%}
{%- if not loop.last %},{{ '\n  ' }}{% endif -%}
{%- endfor -%}
{%- endmacro %}

{% macro get_column_values(table, column, order_by='count(*) desc', max_records=none, default=none, where=none) -%}
  {{ return(adapter.dispatch('get_column_values', 'dbt_utils')(table, column, order_by, max_records, default, where)) }}
{%- endmacro %}

{#- The values are in the warehouse: unknown in the compile pass, the default in the parse pass -#}
{% macro default__get_column_values(table, column, order_by='count(*) desc', max_records=none, default=none, where=none) -%}
{%- if not execute -%}
  {{ return(default if default else []) }}
{%- endif -%}
{{ return(meshlint_unknown('`dbt_utils.get_column_values` needs the warehouse')) }}
{%- endmacro %}

{% macro get_single_value(sql_statement, default=none) -%}
  {{ return(adapter.dispatch('get_single_value', 'dbt_utils')(sql_statement, default)) }}
{%- endmacro %}

{% macro default__get_single_value(sql_statement, default=none) -%}
{%- if not execute -%}
  {{ return(default) }}
{%- endif -%}
{{ return(meshlint_unknown('`dbt_utils.get_single_value` needs the warehouse')) }}
{%- endmacro %}

{% macro get_relations_by_pattern(schema_pattern, table_pattern, exclude='', database=target.database) -%}
  {{ return(adapter.dispatch('get_relations_by_pattern', 'dbt_utils')(schema_pattern, table_pattern, exclude, database)) }}
{%- endmacro %}

{% macro default__get_relations_by_pattern(schema_pattern, table_pattern, exclude='', database=target.database) -%}
{%- if not execute -%}
  {{ return([]) }}
{%- endif -%}
{{ return(meshlint_unknown('`dbt_utils.get_relations_by_pattern` needs the warehouse')) }}
{%- endmacro %}

{% macro get_relations_by_prefix(schema, prefix, exclude='', database=target.database) -%}
  {{ return(adapter.dispatch('get_relations_by_prefix', 'dbt_utils')(schema, prefix, exclude, database)) }}
{%- endmacro %}

{% macro default__get_relations_by_prefix(schema, prefix, exclude='', database=target.database) -%}
{%- if not execute -%}
  {{ return([]) }}
{%- endif -%}
{{ return(meshlint_unknown('`dbt_utils.get_relations_by_prefix` needs the warehouse')) }}
{%- endmacro %}

{#- ---------------------------------------------------------------- reshaping -#}

{% macro slugify(string) -%}
{%- if not string -%}
  {{ return('') }}
{%- endif -%}
{%- set slug = modules.re.sub('[ -]+', '_', string | lower) -%}
{%- set slug = modules.re.sub('[^a-z0-9_]+', '', slug) -%}
{%- set slug = modules.re.sub('^[0-9]', '_' + slug[0], slug) if slug else slug -%}
{{ return(slug) }}
{%- endmacro %}

{% macro pivot(column, values, alias=True, agg='sum', cmp='=', prefix='', suffix='', then_value=1, else_value=0, quote_identifiers=True, distinct=False) -%}
  {{ return(adapter.dispatch('pivot', 'dbt_utils')(column, values, alias, agg, cmp, prefix, suffix, then_value, else_value, quote_identifiers, distinct)) }}
{%- endmacro %}

{% macro default__pivot(column, values, alias=True, agg='sum', cmp='=', prefix='', suffix='', then_value=1, else_value=0, quote_identifiers=True, distinct=False) -%}
{%- for value in values -%}
{{ agg }}({% if distinct %}distinct {% endif %}case when {{ column }} {{ cmp }} '{{ dbt.escape_single_quotes(value) }}' then {{ then_value }} else {{ else_value }} end)
{%- if alias %} as {{ adapter.quote(prefix ~ value ~ suffix) if quote_identifiers else dbt_utils.slugify(prefix ~ value ~ suffix) }}{% endif %}
{%- if not loop.last %},{{ '\n  ' }}{% endif -%}
{%- endfor -%}
{%- endmacro %}

{% macro unpivot(relation=none, cast_to='varchar', exclude=none, remove=none, field_name='field_name', value_name='value', quote_identifiers=False) -%}
  {{ return(adapter.dispatch('unpivot', 'dbt_utils')(relation, cast_to, exclude, remove, field_name, value_name, quote_identifiers)) }}
{%- endmacro %}

{% macro default__unpivot(relation=none, cast_to='varchar', exclude=none, remove=none, field_name='field_name', value_name='value', quote_identifiers=False) -%}
{%- if not relation -%}
{{ exceptions.raise_compiler_error("Error: argument `relation` is required for `unpivot` macro.") }}
{%- endif -%}
{%- set exclude = exclude if exclude is not none else [] -%}
{%- set remove = remove if remove is not none else [] -%}
{%- do dbt_utils._is_relation(relation, 'unpivot') -%}
{#- the relation's columns are known in the compile pass (as in dbt, which renders again to compile) -#}
{%- if not execute -%}
  {{ return('') }}
{%- endif -%}
{%- set columns = relation if relation is meshlint_unknown else adapter.get_columns_in_relation(relation) -%}
{%- if columns is meshlint_unknown -%}
  {{ return('select ' ~ columns ~ ' from ' ~ relation) }}
{%- endif -%}
{%- set dropped = (remove | map('lower') | list) + (exclude | map('lower') | list) -%}
{%- for column in columns if column.column | lower not in dropped -%}
{%- set value = adapter.quote(column.column) if quote_identifiers else column.column -%}
select {% for kept in exclude %}{{ adapter.quote(kept) if quote_identifiers else kept }}, {% endfor -%}
cast('{{ column.column }}' as {{ dbt.type_string() }}) as {{ adapter.quote(field_name) if quote_identifiers else field_name }}, cast({{ dbt.cast_bool_to_text(value) if column.data_type == 'boolean' else value }} as {{ cast_to }}) as {{ adapter.quote(value_name) if quote_identifiers else value_name }} from {{ relation }}
{%- if not loop.last %} union all {% endif -%}
{%- endfor -%}
{%- endmacro %}

{% macro union_relations(relations, column_override=none, include=[], exclude=[], source_column_name='_dbt_source_relation', where=none) -%}
  {{ return(adapter.dispatch('union_relations', 'dbt_utils')(relations, column_override, include, exclude, source_column_name, where)) }}
{%- endmacro %}

{% macro default__union_relations(relations, column_override=none, include=[], exclude=[], source_column_name='_dbt_source_relation', where=none) -%}
{%- if exclude and include -%}
{{ exceptions.raise_compiler_error("Both an exclude and include list were provided to the `union` macro. Only one is allowed") }}
{%- endif -%}
{%- if not execute -%}
  {{ return('') }}
{%- endif -%}
{%- if relations is meshlint_unknown -%}
  {{ return('select ' ~ relations) }}
{%- endif -%}
{%- set column_override = column_override if column_override is not none else {} -%}
{%- set excluded = exclude | map('lower') | list -%}
{%- set included = include | map('lower') | list -%}
{%- set superset = {} -%}
{%- set columns_of = {} -%}
{%- set ns = namespace(unknown=false) -%}
{%- for relation in relations -%}
  {%- do dbt_utils._is_relation(relation, 'union_relations') -%}
  {%- set columns = relation if relation is meshlint_unknown else adapter.get_columns_in_relation(relation) -%}
  {%- if columns is meshlint_unknown -%}{%- set ns.unknown = true -%}{%- endif -%}
  {%- do columns_of.update({relation | string: []}) -%}
  {%- for column in (columns if columns is not meshlint_unknown else []) -%}
    {%- if exclude and column.column | lower in excluded -%}
    {%- elif include and column.column | lower not in included -%}
    {%- else -%}
      {%- do columns_of[relation | string].append(column.column) -%}
      {%- if column.column not in superset -%}
        {%- do superset.update({column.column: column}) -%}
      {%- else -%}
        {%- set size = dbt_utils._string_size(column.data_type) -%}
        {%- set stored_size = dbt_utils._string_size(superset[column.column].data_type) -%}
        {%- if size is not none and stored_size is not none and size > stored_size -%}
          {%- do superset.update({column.column: column}) -%}
        {%- endif -%}
      {%- endif -%}
    {%- endif -%}
  {%- endfor -%}
{%- endfor -%}
{#- one relation whose columns only the warehouse knows: the union's columns are unknown -#}
{%- if ns.unknown -%}
{%- for relation in relations -%}
(select {{ meshlint_unknown('columns of a relation in `dbt_utils.union_relations` are not known') }} from {{ relation }})
{%- if not loop.last %} union all {% endif -%}
{%- endfor -%}
{%- else -%}
{%- for relation in relations -%}
(select
{%- if source_column_name is not none %} cast({{ dbt.string_literal(relation) }} as {{ dbt.type_string() }}) as {{ source_column_name }},{% endif %}
{%- for name, column in superset.items() %} cast({{ adapter.quote(name) if name in columns_of[relation | string] else 'null' }} as {{ column_override.get(column.column, column.data_type) }}) as {{ adapter.quote(column.column) }}{% if not loop.last %},{% endif %}{% endfor %} from {{ relation }}{% if where %} where {{ where }}{% endif %})
{%- if not loop.last %} union all {% endif -%}
{%- endfor -%}
{%- endif -%}
{%- endmacro %}

{#- ---------------------------------------------------------------- keys and arithmetic -#}

{% macro generate_surrogate_key(field_list) -%}
  {{ return(adapter.dispatch('generate_surrogate_key', 'dbt_utils')(field_list)) }}
{%- endmacro %}

{% macro default__generate_surrogate_key(field_list) -%}
{%- set null_value = '' if var('surrogate_key_treat_nulls_as_empty_strings', False) else '_dbt_utils_surrogate_key_null_' -%}
{%- set fields = [] -%}
{%- for field in field_list -%}
  {%- do fields.append("coalesce(cast(" ~ field ~ " as " ~ dbt.type_string() ~ "), '" ~ null_value ~ "')") -%}
  {%- if not loop.last -%}{%- do fields.append("'-'") -%}{%- endif -%}
{%- endfor -%}
{{ dbt.hash(dbt.concat(fields)) }}
{%- endmacro %}

{#- dbt_utils 1.x keeps the old name only to fail with this message, whatever the arguments -#}
{% macro surrogate_key(field_list) -%}
  {%- set ignored = varargs -%}
  {{ return(adapter.dispatch('surrogate_key', 'dbt_utils')(field_list, *varargs)) }}
{%- endmacro %}

{% macro default__surrogate_key(field_list) -%}
{%- set ignored = varargs -%}
{%- do exceptions.raise_compiler_error('\nWarning: `dbt_utils.surrogate_key` has been replaced by `dbt_utils.generate_surrogate_key`. The new macro treats null values differently to empty strings. To restore the behaviour of the original macro, add a global variable in dbt_project.yml called `surrogate_key_treat_nulls_as_empty_strings` to your dbt_project.yml file with a value of True. The ' ~ model.package_name ~ '.' ~ model.name ~ ' model triggered this warning. \n') -%}
{%- endmacro %}

{% macro safe_add(field_list) -%}
  {{ return(adapter.dispatch('safe_add', 'dbt_utils')(field_list)) }}
{%- endmacro %}

{% macro default__safe_add(field_list) -%}
{%- if field_list is not iterable or field_list is string or field_list is mapping -%}
{%- do exceptions.warn('Warning: the `safe_add` macro now takes a single list argument instead of string arguments. The ' ~ model.package_name ~ '.' ~ model.name ~ ' model triggered this warning.') -%}
{%- endif -%}
{%- set fields = [] -%}
{%- for field in field_list -%}{%- do fields.append('coalesce(' ~ field ~ ', 0)') -%}{%- endfor -%}
{{ fields | join(' +\n  ') }}
{%- endmacro %}

{% macro safe_subtract(field_list) -%}
  {{ return(adapter.dispatch('safe_subtract', 'dbt_utils')(field_list)) }}
{%- endmacro %}

{% macro default__safe_subtract(field_list) -%}
{%- if field_list is not iterable or field_list is string or field_list is mapping -%}
{%- do exceptions.raise_compiler_error('\nWarning: the `safe_subtract` macro takes a single list argument instead of string arguments. The ' ~ model.package_name ~ '.' ~ model.name ~ ' model triggered this warning. \n') -%}
{%- endif -%}
{%- set fields = [] -%}
{%- for field in field_list -%}{%- do fields.append('coalesce(' ~ field ~ ', 0)') -%}{%- endfor -%}
{{ fields | join(' -\n  ') }}
{%- endmacro %}

{% macro safe_divide(numerator, denominator) -%}
  {{ return(adapter.dispatch('safe_divide', 'dbt_utils')(numerator, denominator)) }}
{%- endmacro %}

{% macro default__safe_divide(numerator, denominator) -%}
( {{ numerator }} ) / nullif( ( {{ denominator }} ), 0)
{%- endmacro %}

{% macro group_by(n) -%}
  {{ return(adapter.dispatch('group_by', 'dbt_utils')(n)) }}
{%- endmacro %}

{% macro default__group_by(n) -%}
group by {% for i in range(1, n + 1) %}{{ i }}{{ ',' if not loop.last }}{% endfor %}
{%- endmacro %}

{% macro width_bucket(expr, min_value, max_value, num_buckets) -%}
  {{ return(adapter.dispatch('width_bucket', 'dbt_utils')(expr, min_value, max_value, num_buckets)) }}
{%- endmacro %}

{#- The bucket of a value, counting a value on a bucket's edge into the bucket above -#}
{% macro default__width_bucket(expr, min_value, max_value, num_buckets) -%}
{%- set bin_size = '(( ' ~ max_value ~ ' - ' ~ min_value ~ ' ) / ' ~ num_buckets ~ ' )' -%}
(case when mod({{ dbt.safe_cast(expr, dbt.type_numeric()) }}, {{ dbt.safe_cast(bin_size, dbt.type_numeric()) }}) = 0 then 1 else 0 end) + least(ceil(({{ expr }} - {{ min_value }})/{{ bin_size }}), {{ num_buckets }} + 1)
{%- endmacro %}

{% macro redshift__width_bucket(expr, min_value, max_value, num_buckets) -%}
{%- set bin_size = '(( ' ~ max_value ~ ' - ' ~ min_value ~ ' ) / ' ~ num_buckets ~ ' )' -%}
(case when {{ dbt.safe_cast(expr, dbt.type_numeric()) }} % {{ dbt.safe_cast(bin_size, dbt.type_numeric()) }} = 0 then 1 else 0 end) + least(ceil(({{ expr }} - {{ min_value }})/{{ bin_size }}), {{ num_buckets }} + 1)
{%- endmacro %}

{% macro snowflake__width_bucket(expr, min_value, max_value, num_buckets) -%}
width_bucket({{ expr }}, {{ min_value }}, {{ max_value }}, {{ num_buckets }} )
{%- endmacro %}

{#- ---------------------------------------------------------------- deduplicate -#}

{% macro deduplicate(relation, partition_by, order_by) -%}
  {{ return(adapter.dispatch('deduplicate', 'dbt_utils')(relation, partition_by, order_by)) }}
{%- endmacro %}

{#- Not every warehouse has a natural join; those that lack one have their own version below -#}
{% macro default__deduplicate(relation, partition_by, order_by) -%}
with row_numbered as (select _inner.*, row_number() over (partition by {{ partition_by }} order by {{ order_by }}) as rn from {{ relation }} as _inner) select distinct data.* from {{ relation }} as data natural join row_numbered where row_numbered.rn = 1
{%- endmacro %}

{% macro redshift__deduplicate(relation, partition_by, order_by) -%}
{{ return(dbt_utils.default__deduplicate(relation, partition_by, order_by=order_by)) }}
{%- endmacro %}

{% macro postgres__deduplicate(relation, partition_by, order_by) -%}
select distinct on ({{ partition_by }}) * from {{ relation }} order by {{ partition_by }}{{ ',' ~ order_by }}
{%- endmacro %}

{% macro snowflake__deduplicate(relation, partition_by, order_by) -%}
select * from {{ relation }} qualify row_number() over (partition by {{ partition_by }} order by {{ order_by }}) = 1
{%- endmacro %}

{% macro bigquery__deduplicate(relation, partition_by, order_by) -%}
select unique.* from (select array_agg (original order by {{ order_by }} limit 1)[offset(0)] unique from {{ relation }} original group by {{ partition_by }})
{%- endmacro %}

{#- ---------------------------------------------------------------- series and spines -#}

{% macro get_powers_of_two(upper_bound) -%}
  {{ return(adapter.dispatch('get_powers_of_two', 'dbt_utils')(upper_bound)) }}
{%- endmacro %}

{% macro default__get_powers_of_two(upper_bound) -%}
  {{ return(dbt.default__get_powers_of_two(upper_bound)) }}
{%- endmacro %}

{% macro generate_series(upper_bound) -%}
  {{ return(adapter.dispatch('generate_series', 'dbt_utils')(upper_bound)) }}
{%- endmacro %}

{#- dbt_utils' own series, the same for every adapter (DuckDB's `generate_series` is dbt's, not this) -#}
{% macro default__generate_series(upper_bound) -%}
  {{ return(dbt.default__generate_series(upper_bound)) }}
{%- endmacro %}

{% macro get_intervals_between(start_date, end_date, datepart) -%}
  {{ return(adapter.dispatch('get_intervals_between', 'dbt_utils')(start_date, end_date, datepart)) }}
{%- endmacro %}

{#- See dbt's `default__get_intervals_between`: the count only sets the number of rows -#}
{% macro default__get_intervals_between(start_date, end_date, datepart) -%}
  {{ return(dbt.static_intervals_between(start_date, end_date, datepart)) }}
{%- endmacro %}

{% macro date_spine(datepart, start_date, end_date) -%}
  {{ return(adapter.dispatch('date_spine', 'dbt_utils')(datepart, start_date, end_date)) }}
{%- endmacro %}

{% macro default__date_spine(datepart, start_date, end_date) -%}
with rawdata as ({{ dbt_utils.generate_series(dbt_utils.get_intervals_between(start_date, end_date, datepart)) }}), all_periods as (select ({{ dbt.dateadd(datepart, 'row_number() over (order by generated_number) - 1', start_date) }}) as date_{{ datepart }} from rawdata), filtered as (select * from all_periods where date_{{ datepart }} <= {{ end_date }}) select * from filtered
{%- endmacro %}
