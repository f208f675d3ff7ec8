{#- dbt's cross-database date and time macros, written for meshlint. Each dispatches on the adapter
    with dbt's search order (`<adapter>__name`, its parents, then `default__name`) and renders the
    same SQL as the macro dbt or the adapter plugin ships for that adapter, up to whitespace and SQL
    comments. Adapters covered: snowflake, bigquery, postgres, redshift, databricks, spark, duckdb,
    trino; any other adapter gets dbt's default. -#}

{#- ---------------------------------------------------------------- datediff -#}

{% macro datediff(first_date, second_date, datepart) -%}
  {{ return(adapter.dispatch('datediff', 'dbt')(first_date, second_date, datepart)) }}
{%- endmacro %}

{% macro default__datediff(first_date, second_date, datepart) -%}
datediff({{ datepart }}, {{ first_date }}, {{ second_date }})
{%- endmacro %}

{#- Redshift has its own `datediff`, not Postgres' date arithmetic -#}
{% macro redshift__datediff(first_date, second_date, datepart) -%}
datediff({{ datepart }}, {{ first_date }}, {{ second_date }})
{%- endmacro %}

{% macro bigquery__datediff(first_date, second_date, datepart) -%}
datetime_diff(cast({{ second_date }} as datetime), cast({{ first_date }} as datetime), {{ datepart }})
{%- endmacro %}

{% macro postgres__datediff(first_date, second_date, datepart) -%}
{%- set a_date = '(' ~ first_date ~ ')::date' -%}
{%- set b_date = '(' ~ second_date ~ ')::date' -%}
{%- set a_ts = '(' ~ first_date ~ ')::timestamp' -%}
{%- set b_ts = '(' ~ second_date ~ ')::timestamp' -%}
{%- if datepart == 'year' -%}
(date_part('year', {{ b_date }}) - date_part('year', {{ a_date }}))
{%- elif datepart == 'quarter' -%}
({{ datediff(first_date, second_date, 'year') }} * 4 + date_part('quarter', {{ b_date }}) - date_part('quarter', {{ a_date }}))
{%- elif datepart == 'month' -%}
({{ datediff(first_date, second_date, 'year') }} * 12 + date_part('month', {{ b_date }}) - date_part('month', {{ a_date }}))
{%- elif datepart == 'day' -%}
({{ b_date }} - {{ a_date }})
{%- elif datepart == 'week' -%}
({{ datediff(first_date, second_date, 'day') }} / 7 + case when date_part('dow', {{ a_ts }}) <= date_part('dow', {{ b_ts }}) then case when {{ first_date }} <= {{ second_date }} then 0 else -1 end else case when {{ first_date }} <= {{ second_date }} then 1 else 0 end end)
{%- elif datepart == 'hour' -%}
({{ datediff(first_date, second_date, 'day') }} * 24 + date_part('hour', {{ b_ts }}) - date_part('hour', {{ a_ts }}))
{%- elif datepart == 'minute' -%}
({{ datediff(first_date, second_date, 'hour') }} * 60 + date_part('minute', {{ b_ts }}) - date_part('minute', {{ a_ts }}))
{%- elif datepart == 'second' -%}
({{ datediff(first_date, second_date, 'minute') }} * 60 + floor(date_part('second', {{ b_ts }})) - floor(date_part('second', {{ a_ts }})))
{%- elif datepart == 'millisecond' -%}
({{ datediff(first_date, second_date, 'minute') }} * 60000 + floor(date_part('millisecond', {{ b_ts }})) - floor(date_part('millisecond', {{ a_ts }})))
{%- elif datepart == 'microsecond' -%}
({{ datediff(first_date, second_date, 'minute') }} * 60000000 + floor(date_part('microsecond', {{ b_ts }})) - floor(date_part('microsecond', {{ a_ts }})))
{%- else -%}
{{ exceptions.raise_compiler_error("Unsupported datepart for macro datediff in postgres: '" ~ datepart ~ "'") }}
{%- endif -%}
{%- endmacro %}

{% macro duckdb__datediff(first_date, second_date, datepart) -%}
{%- if datepart == 'week' -%}
({{ datediff(first_date, second_date, 'day') }} // 7 + case when date_part('dow', ({{ first_date }})::timestamp) <= date_part('dow', ({{ second_date }})::timestamp) then case when {{ first_date }} <= {{ second_date }} then 0 else -1 end else case when {{ first_date }} <= {{ second_date }} then 1 else 0 end end)
{%- else -%}
(date_diff('{{ datepart }}', {{ first_date }}::timestamp, {{ second_date }}::timestamp))
{%- endif -%}
{%- endmacro %}

{% macro trino__datediff(first_date, second_date, datepart) -%}
{%- set a_ts = 'CAST(' ~ first_date ~ ' AS TIMESTAMP)' -%}
{%- set b_ts = 'CAST(' ~ second_date ~ ' AS TIMESTAMP)' -%}
{%- if datepart == 'year' -%}
(year({{ b_ts }}) - year({{ a_ts }}))
{%- elif datepart == 'quarter' -%}
({{ datediff(first_date, second_date, 'year') }} * 4) + quarter({{ b_ts }}) - quarter({{ a_ts }})
{%- elif datepart == 'month' -%}
({{ datediff(first_date, second_date, 'year') }} * 12) + month({{ b_ts }}) - month({{ a_ts }})
{%- elif datepart == 'day' -%}
((to_milliseconds((CAST({{ b_ts }} AS DATE) - CAST({{ a_ts }} AS DATE)))) / 86400000)
{%- elif datepart == 'week' -%}
({{ datediff(first_date, second_date, 'day') }} / 7 + case when dow({{ a_ts }}) <= dow({{ b_ts }}) then case when {{ first_date }} <= {{ second_date }} then 0 else -1 end else case when {{ first_date }} <= {{ second_date }} then 1 else 0 end end)
{%- elif datepart == 'hour' -%}
({{ datediff(first_date, second_date, 'day') }} * 24 + hour({{ b_ts }}) - hour({{ a_ts }}))
{%- elif datepart == 'minute' -%}
({{ datediff(first_date, second_date, 'hour') }} * 60 + minute({{ b_ts }}) - minute({{ a_ts }}))
{%- elif datepart == 'second' -%}
({{ datediff(first_date, second_date, 'minute') }} * 60 + second({{ b_ts }}) - second({{ a_ts }}))
{%- elif datepart == 'millisecond' -%}
(to_milliseconds(({{ b_ts }} - {{ a_ts }})))
{%- elif execute -%}
{{ exceptions.raise_compiler_error("Unsupported datepart for macro datediff in Trino: '" ~ datepart ~ "'") }}
{%- endif -%}
{%- endmacro %}

{#- Databricks runtimes from 10.4 on have `timestampdiff`; meshlint cannot ask the cluster, and takes a
    current one -#}
{% macro databricks__datediff(first_date, second_date, datepart) -%}
timestampdiff({{ datepart }}, {{ date_trunc(datepart, first_date) }}, {{ date_trunc(datepart, second_date) }})
{%- endmacro %}

{#- Spark: checks that its arguments are real dates or timestamps, failing the query otherwise -#}
{% macro assert_not_null(function, arg) -%}
  {{ return(adapter.dispatch('assert_not_null', 'dbt')(function, arg)) }}
{%- endmacro %}

{% macro default__assert_not_null(function, arg) -%}
coalesce({{ function }}({{ arg }}), nvl2({{ function }}({{ arg }}), assert_true({{ function }}({{ arg }}) is not null), null))
{%- endmacro %}

{% macro spark__datediff(first_date, second_date, datepart) -%}
{%- if datepart in ['day', 'week', 'month', 'quarter', 'year'] -%}
  {%- set first_date = assert_not_null('date', first_date) -%}
  {%- set second_date = assert_not_null('date', second_date) -%}
{%- endif -%}
{%- set a = first_date -%}
{%- set b = second_date -%}
{%- if datepart == 'day' -%}
datediff({{ b }}, {{ a }})
{%- elif datepart == 'week' -%}
case when {{ a }} < {{ b }} then floor(datediff({{ b }}, {{ a }})/7) else ceil(datediff({{ b }}, {{ a }})/7) end + case when {{ a }} < {{ b }} and dayofweek({{ b }}) < dayofweek({{ a }}) then 1 when {{ a }} > {{ b }} and dayofweek({{ b }}) > dayofweek({{ a }}) then -1 else 0 end
{%- elif datepart == 'month' -%}
case when {{ a }} < {{ b }} then floor(months_between(date({{ b }}), date({{ a }}))) else ceil(months_between(date({{ b }}), date({{ a }}))) end + case when {{ a }} < {{ b }} and dayofmonth({{ b }}) < dayofmonth({{ a }}) then 1 when {{ a }} > {{ b }} and dayofmonth({{ b }}) > dayofmonth({{ a }}) then -1 else 0 end
{%- elif datepart == 'quarter' -%}
case when {{ a }} < {{ b }} then floor(months_between(date({{ b }}), date({{ a }}))/3) else ceil(months_between(date({{ b }}), date({{ a }}))/3) end + case when {{ a }} < {{ b }} and ((dayofyear({{ b }}) - (quarter({{ b }}) * 365/4)) < (dayofyear({{ a }}) - (quarter({{ a }}) * 365/4))) then 1 when {{ a }} > {{ b }} and ((dayofyear({{ b }}) - (quarter({{ b }}) * 365/4)) > (dayofyear({{ a }}) - (quarter({{ a }}) * 365/4))) then -1 else 0 end
{%- elif datepart == 'year' -%}
year({{ b }}) - year({{ a }})
{%- elif datepart in ('hour', 'minute', 'second', 'millisecond', 'microsecond') -%}
{%- set divisor = {'hour': '3600', 'minute': '60', 'second': '1', 'millisecond': '(1/1000)', 'microsecond': '(1/1000000)'}[datepart] -%}
{%- set b_seconds = assert_not_null('to_unix_timestamp', assert_not_null('to_timestamp', b)) -%}
{%- set a_seconds = assert_not_null('to_unix_timestamp', assert_not_null('to_timestamp', a)) -%}
case when {{ a }} < {{ b }} then floor(({{ b_seconds }} - {{ a_seconds }}) / {{ divisor }}) else ceil(({{ b_seconds }} - {{ a_seconds }}) / {{ divisor }}) end
{%- if datepart == 'millisecond' %} + cast(date_format({{ b }}, 'SSS') as int) - cast(date_format({{ a }}, 'SSS') as int)
{%- elif datepart == 'microsecond' -%}
{%- set capture = '[0-9]{4}-[0-9]{2}-[0-9]{2}.[0-9]{2}:[0-9]{2}:[0-9]{2}.([0-9]{6})' %} + cast(regexp_extract({{ b }}, '{{ capture }}', 1) as int) - cast(regexp_extract({{ a }}, '{{ capture }}', 1) as int)
{%- endif -%}
{%- else -%}
{{ exceptions.raise_compiler_error("macro datediff not implemented for datepart ~ '" ~ datepart ~ "' ~ on Spark") }}
{%- endif -%}
{%- endmacro %}

{#- ---------------------------------------------------------------- dateadd -#}

{% macro dateadd(datepart, interval, from_date_or_timestamp) -%}
  {{ return(adapter.dispatch('dateadd', 'dbt')(datepart, interval, from_date_or_timestamp)) }}
{%- endmacro %}

{% macro default__dateadd(datepart, interval, from_date_or_timestamp) -%}
dateadd({{ datepart }}, {{ interval }}, {{ from_date_or_timestamp }})
{%- endmacro %}

{% macro redshift__dateadd(datepart, interval, from_date_or_timestamp) -%}
dateadd({{ datepart }}, {{ interval }}, {{ from_date_or_timestamp }})
{%- endmacro %}

{% macro bigquery__dateadd(datepart, interval, from_date_or_timestamp) -%}
datetime_add(cast({{ from_date_or_timestamp }} as datetime), interval {{ interval }} {{ datepart }})
{%- endmacro %}

{% macro postgres__dateadd(datepart, interval, from_date_or_timestamp) -%}
{{ from_date_or_timestamp }} + ((interval '1 {{ datepart }}') * ({{ interval }}))
{%- endmacro %}

{% macro duckdb__dateadd(datepart, interval, from_date_or_timestamp) -%}
{%- set unit = datepart | lower -%}
{%- if unit == 'quarter' -%}
({{ from_date_or_timestamp }} + (cast({{ interval }} as bigint) * 3) * interval 1 month)
{%- elif unit == 'week' -%}
({{ from_date_or_timestamp }} + (cast({{ interval }} as bigint) * 7) * interval 1 day)
{%- else -%}
({{ from_date_or_timestamp }} + cast({{ interval }} as bigint) * interval 1 {{ unit }})
{%- endif -%}
{%- endmacro %}

{% macro trino__dateadd(datepart, interval, from_date_or_timestamp) -%}
date_add('{{ datepart }}', {{ interval }}, {{ from_date_or_timestamp }})
{%- endmacro %}

{#- Databricks runtimes from 10.4 on have `timestampadd` (see `databricks__datediff`) -#}
{% macro databricks__dateadd(datepart, interval, from_date_or_timestamp) -%}
timestampadd({{ datepart }}, {{ interval }}, {{ from_date_or_timestamp }})
{%- endmacro %}

{% macro spark__dateadd(datepart, interval, from_date_or_timestamp) -%}
{%- set as_date = assert_not_null('date', from_date_or_timestamp) -%}
{%- set clock = 'to_unix_timestamp(' ~ assert_not_null('to_timestamp', from_date_or_timestamp) ~ ') - to_unix_timestamp(' ~ as_date ~ ')' -%}
{%- if datepart in ['day', 'week'] -%}
to_timestamp(to_unix_timestamp(date_add({{ as_date }}, cast({{ interval }} * {{ 7 if datepart == 'week' else 1 }} as int))) + {{ clock }})
{%- elif datepart in ['month', 'quarter', 'year'] -%}
to_timestamp(to_unix_timestamp(add_months({{ as_date }}, cast({{ interval }} * {{ {'month': 1, 'quarter': 3, 'year': 12}[datepart] }} as int))) + {{ clock }})
{%- elif datepart in ('hour', 'minute', 'second', 'millisecond', 'microsecond') -%}
{#- dbt-spark multiplies milliseconds by (1/1000000) too; kept as it is -#}
to_timestamp({{ assert_not_null('to_unix_timestamp', from_date_or_timestamp) }} + cast({{ interval }} * {{ {'hour': '3600', 'minute': '60', 'second': '1', 'millisecond': '(1/1000000)', 'microsecond': '(1/1000000)'}[datepart] }} as int))
{%- else -%}
{{ exceptions.raise_compiler_error("macro dateadd not implemented for datepart ~ '" ~ datepart ~ "' ~ on Spark") }}
{%- endif -%}
{%- endmacro %}

{#- ---------------------------------------------------------------- date_trunc, last_day, date -#}

{% macro date_trunc(datepart, date) -%}
  {{ return(adapter.dispatch('date_trunc', 'dbt')(datepart, date)) }}
{%- endmacro %}

{% macro default__date_trunc(datepart, date) -%}
date_trunc('{{ datepart }}', {{ date }})
{%- endmacro %}

{% macro bigquery__date_trunc(datepart, date) -%}
timestamp_trunc(cast({{ date }} as timestamp), {{ datepart }})
{%- endmacro %}

{% macro last_day(date, datepart) -%}
  {{ return(adapter.dispatch('last_day', 'dbt')(date, datepart)) }}
{%- endmacro %}

{% macro default_last_day(date, datepart) -%}
cast({{ dbt.dateadd('day', '-1', dbt.dateadd(datepart, '1', dbt.date_trunc(datepart, date))) }} as date)
{%- endmacro %}

{% macro default__last_day(date, datepart) -%}
{{ dbt.default_last_day(date, datepart) }}
{%- endmacro %}

{#- Postgres and DuckDB intervals have no quarter: three months instead -#}
{% macro postgres__last_day(date, datepart) -%}
{%- if datepart == 'quarter' -%}
cast({{ dbt.dateadd('day', '-1', dbt.dateadd('month', '3', dbt.date_trunc(datepart, date))) }} as date)
{%- else -%}
{{ dbt.default_last_day(date, datepart) }}
{%- endif -%}
{%- endmacro %}

{% macro duckdb__last_day(date, datepart) -%}
{{ postgres__last_day(date, datepart) }}
{%- endmacro %}

{% macro redshift__last_day(date, datepart) -%}
{{ dbt.default_last_day(date, datepart) }}
{%- endmacro %}

{% macro date(year, month, day) -%}
  {{ return(adapter.dispatch('date', 'dbt')(year, month, day)) }}
{%- endmacro %}

{% macro default__date(year, month, day) -%}
to_date('{{ modules.datetime.date(year, month, day).strftime('%Y-%m-%d') }}', 'YYYY-MM-DD')
{%- endmacro %}

{% macro spark__date(year, month, day) -%}
to_date('{{ modules.datetime.date(year, month, day).strftime('%Y-%m-%d') }}', 'yyyy-MM-dd')
{%- endmacro %}

{% macro bigquery__date(year, month, day) -%}
date({{ year }}, {{ month }}, {{ day }})
{%- endmacro %}

{% macro duckdb__date(year, month, day) -%}
make_date({{ year }}, {{ month }}, {{ day }})
{%- endmacro %}

{#- ---------------------------------------------------------------- current_timestamp -#}

{% macro current_timestamp() -%}
  {{ adapter.dispatch('current_timestamp', 'dbt')() }}
{%- endmacro %}

{% macro default__current_timestamp() -%}
  {{ exceptions.raise_not_implemented('current_timestamp macro not implemented for adapter ' ~ adapter.type()) }}
{%- endmacro %}

{% macro snowflake__current_timestamp() -%}
convert_timezone('UTC', current_timestamp())
{%- endmacro %}

{% macro bigquery__current_timestamp() -%}
CURRENT_TIMESTAMP()
{%- endmacro %}

{% macro postgres__current_timestamp() -%}
now()
{%- endmacro %}

{% macro duckdb__current_timestamp() -%}
now()
{%- endmacro %}

{% macro redshift__current_timestamp() -%}
getdate()
{%- endmacro %}

{% macro spark__current_timestamp() -%}
CURRENT_TIMESTAMP()
{%- endmacro %}

{% macro trino__current_timestamp() -%}
current_timestamp
{%- endmacro %}

{#- dbt keeps these for projects that used dbt_utils.current_timestamp(), whose SQL differed -#}
{% macro current_timestamp_backcompat() -%}
  {{ return(adapter.dispatch('current_timestamp_backcompat', 'dbt')()) }}
{%- endmacro %}

{% macro default__current_timestamp_backcompat() -%}
current_timestamp::timestamp
{%- endmacro %}

{% macro postgres__current_timestamp_backcompat() -%}
current_timestamp::{{ type_timestamp() }}
{%- endmacro %}

{% macro snowflake__current_timestamp_backcompat() -%}
current_timestamp()::timestamp_ntz
{%- endmacro %}

{% macro bigquery__current_timestamp_backcompat() -%}
current_timestamp
{%- endmacro %}

{% macro redshift__current_timestamp_backcompat() -%}
getdate()
{%- endmacro %}

{% macro current_timestamp_in_utc_backcompat() -%}
  {{ return(adapter.dispatch('current_timestamp_in_utc_backcompat', 'dbt')()) }}
{%- endmacro %}

{% macro default__current_timestamp_in_utc_backcompat() -%}
  {{ return(adapter.dispatch('current_timestamp_backcompat', 'dbt')()) }}
{%- endmacro %}

{% macro snowflake__current_timestamp_in_utc_backcompat() -%}
convert_timezone('UTC', {{ current_timestamp_backcompat() }})::{{ type_timestamp() }}
{%- endmacro %}

{% macro redshift__current_timestamp_in_utc_backcompat() -%}
getdate()
{%- endmacro %}
