-- Date and time functions: DATEDIFF, DATEADD, DATE_TRUNC, CURRENT_DATE/TIMESTAMP, EXTRACT, parsing.

-- case: snowflake current date and timestamps
-- dialect: snowflake
-- schema: {}
select current_date as a, current_timestamp as b, current_timestamp() as c, getdate() as d, sysdate() as e
-- expect: A DATE, B TIMESTAMP_LTZ, C TIMESTAMP_LTZ, D TIMESTAMP_LTZ, E TIMESTAMP_NTZ

-- case: snowflake datediff and dateadd
-- dialect: snowflake
-- schema: {"t": {"D": "date", "TS": "timestamp_ntz", "TZ": "timestamp_tz"}}
select datediff(day, d, d) as a, dateadd(day, 1, d) as b, dateadd(hour, 1, d) as c, dateadd(month, 1, ts) as e, dateadd(day, 1, tz) as f, timestampadd(day, 1, d) as g from t
-- expect: A ~NUMBER(18,0), B DATE, C TIMESTAMP_NTZ, E TIMESTAMP_NTZ, F TIMESTAMP_TZ, G DATE

-- case: snowflake dateadd of a string is not typed
-- dialect: snowflake
-- schema: {}
select dateadd(day, 1, '2024-01-01') as a
-- expect: A ?

-- case: snowflake date_trunc keeps the input type
-- dialect: snowflake
-- schema: {"t": {"D": "date", "TS": "timestamp_ntz", "LTZ": "timestamp_ltz"}}
select date_trunc('month', d) as a, date_trunc('day', ts) as b, date_trunc(hour, ltz) as c from t
-- expect: A DATE, B TIMESTAMP_NTZ, C TIMESTAMP_LTZ

-- case: snowflake extract year date_part to_date
-- dialect: snowflake
-- schema: {"t": {"D": "date", "S": "varchar"}}
select extract(year from d) as a, date_part(month, d) as b, year(d) as c, to_date(s) as e, to_varchar(d, 'YYYY') as f, try_to_date(s) as g from t
-- expect: A ~NUMBER(4,0), B ~NUMBER(2,0), C ~NUMBER(4,0), E DATE, F VARCHAR, G DATE

-- case: snowflake to_timestamp is not parsed by sqlglot: unknown
-- dialect: snowflake
-- schema: {"t": {"S": "varchar"}}
select to_timestamp(s) as a from t
-- expect: A ?

-- case: snowflake convert_timezone is not typed
-- dialect: snowflake
-- schema: {"t": {"TS": "timestamp_ntz"}}
select convert_timezone('UTC', ts) as a from t
-- expect: A ?

-- case: postgres current date and timestamps
-- dialect: postgres
-- schema: {}
select current_date as a, current_timestamp as b, now() as c, localtimestamp as d
-- expect: a DATE, b TIMESTAMPTZ, c TIMESTAMPTZ, d TIMESTAMP

-- case: postgres date_trunc of a date is timestamptz
-- dialect: postgres
-- schema: {"t": {"dt": "date", "ts": "timestamp", "tz": "timestamptz"}}
select date_trunc('month', dt) as a, date_trunc('day', ts) as b, date_trunc('hour', tz) as c from t
-- expect: a TIMESTAMPTZ, b TIMESTAMP, c TIMESTAMPTZ

-- case: postgres extract is numeric since 14 and date_part double: both unknown
-- dialect: postgres
-- schema: {"t": {"dt": "date", "ts": "timestamp"}}
select extract(year from dt) as a, date_part('year', ts) as b from t
-- expect: a ?, b ?

-- case: postgres parsing and formatting
-- dialect: postgres
-- schema: {"t": {"v": "text", "ts": "timestamp"}}
select to_date(v, 'YYYY') as a, to_timestamp(v, 'YYYY') as b, to_timestamp(1) as c, to_char(ts, 'YYYY') as d, ts::date as e, date_trunc('month', ts)::date as f from t
-- expect: a DATE, b TIMESTAMPTZ, c TIMESTAMPTZ, d TEXT, e DATE, f DATE

-- case: duckdb date functions
-- dialect: duckdb
-- schema: {"t": {"dt": "date", "ts": "timestamp", "tz": "timestamptz"}}
select date_trunc('month', dt) as a, date_trunc('day', ts) as b, date_trunc('hour', tz) as c, datediff('day', dt, dt) as d, date_diff('month', ts, ts) as e, date_add(dt, interval 1 day) as f from t
-- expect: a TIMESTAMP, b TIMESTAMP, c TIMESTAMPTZ, d BIGINT, e BIGINT, f TIMESTAMP

-- case: duckdb current date and timestamps
-- dialect: duckdb
-- schema: {}
select current_date as a, current_timestamp as b, today() as d
-- expect: a DATE, b TIMESTAMPTZ, d DATE

-- case: duckdb now() and date_part() are not parsed by sqlglot: unknown
-- dialect: duckdb
-- schema: {"t": {"ts": "timestamp"}}
select now() as a, date_part('year', ts) as b, get_current_timestamp() as c from t
-- expect: a ?, b ?, c ?

-- case: duckdb extract and parts
-- dialect: duckdb
-- schema: {"t": {"dt": "date", "ts": "timestamp"}}
select extract(year from dt) as a, extract(epoch from ts) as b, year(dt) as c, month(ts) as d from t
-- expect: a BIGINT, b DOUBLE, c BIGINT, d BIGINT

-- case: duckdb parsing and formatting
-- dialect: duckdb
-- schema: {"t": {"s": "varchar", "ts": "timestamp", "e": "bigint"}}
select strftime(ts, '%Y') as a, strptime(s, '%Y-%m-%d') as b, to_timestamp(e) as c, cast(ts as date) as d from t
-- expect: a VARCHAR, b TIMESTAMP, c TIMESTAMPTZ, d DATE

-- case: bigquery date functions keep the input type
-- dialect: bigquery
-- schema: {"t": {"d": "date", "ts": "timestamp", "dt": "datetime"}}
select date_trunc(d, month) as a, timestamp_trunc(ts, day) as b, datetime_trunc(dt, hour) as c, date_add(d, interval 1 day) as e, timestamp_add(ts, interval 1 hour) as f, datetime_sub(dt, interval 1 day) as g from t
-- expect: a DATE, b TIMESTAMP, c DATETIME, e DATE, f TIMESTAMP, g DATETIME

-- case: bigquery diffs and current values
-- dialect: bigquery
-- schema: {"t": {"d": "date", "ts": "timestamp"}}
select date_diff(d, d, day) as a, timestamp_diff(ts, ts, second) as b, current_date() as c, current_timestamp() as e, current_datetime() as f from t
-- expect: a INT64, b INT64, c DATE, e TIMESTAMP, f DATETIME

-- case: bigquery extract and parsing
-- dialect: bigquery
-- schema: {"t": {"ts": "timestamp", "s": "string"}}
select extract(year from ts) as a, extract(date from ts) as b, parse_date('%Y%m%d', s) as c, format_date('%Y', date(ts)) as e, parse_timestamp('%Y', s) as f from t
-- expect: a INT64, b DATE, c DATE, e STRING, f ?

-- case: databricks date functions
-- dialect: databricks
-- schema: {"t": {"d": "date", "ts": "timestamp"}}
select date_add(d, 1) as a, date_trunc('MONTH', ts) as b, trunc(d, 'MM') as c, year(d) as e, to_date('2024-01-01') as f, current_timestamp() as g, current_date() as h from t
-- expect: a DATE, b TIMESTAMP, c DATE, e INT, f DATE, g TIMESTAMP, h DATE

-- case: databricks datediff has two forms of different types: unknown
-- dialect: databricks
-- schema: {"t": {"d": "date"}}
select datediff(d, d) as a, datediff(day, d, d) as b, timestampdiff(day, d, d) as c from t
-- expect: a ?, b ?, c BIGINT

-- case: databricks dateadd of a timestamp
-- dialect: databricks
-- schema: {"t": {"ts": "timestamp"}}
select dateadd(day, 1, ts) as a from t
-- expect: a TIMESTAMP

-- case: trino date functions keep the input type
-- dialect: trino
-- schema: {"t": {"d": "date", "ts": "timestamp"}}
select date_add('day', 1, d) as a, date_trunc('month', ts) as b, date_diff('day', d, d) as c, year(d) as e, current_timestamp as f from t
-- expect: a DATE, b TIMESTAMP, c BIGINT, e BIGINT, f ~TIMESTAMP(3) WITH TIME ZONE

-- case: trino date_parse
-- dialect: trino
-- schema: {"t": {"s": "varchar"}}
select date_parse(s, '%Y-%m-%d') as a, date(s) as b from t
-- expect: a ~TIMESTAMP(3), b DATE

-- case: redshift dateadd is a timestamp even for a date
-- dialect: redshift
-- schema: {"t": {"d": "date", "ts": "timestamp"}}
select dateadd(day, 1, d) as a, dateadd(hour, 1, ts) as b, datediff(day, d, d) as c, date_trunc('month', ts) as e, date_trunc('month', d) as f from t
-- expect: a TIMESTAMP, b TIMESTAMP, c BIGINT, e TIMESTAMP, f TIMESTAMP

-- case: redshift current timestamp functions
-- dialect: redshift
-- schema: {}
select getdate() as a, sysdate as b, current_date as c
-- expect: a ?, b TIMESTAMP, c DATE

-- case: date from parts and last day
-- dialect: snowflake
-- schema: {"t": {"D": "date", "TS": "timestamp_ntz"}}
select date_from_parts(2024, 1, 1) as a, last_day(d) as b, last_day(ts) as c from t
-- expect: A DATE, B DATE, C DATE

-- case: duckdb make_date and last_day
-- dialect: duckdb
-- schema: {"t": {"dt": "date"}}
select make_date(2020, 1, 1) as a, last_day(dt) as b from t
-- expect: a DATE, b DATE
