"""The type dbt gives a seed column that `column_types` leaves out, read from the CSV's values.

dbt reads a seed with agate, whose type tester keeps, for each column, the first of these types that every
value casts to: a number, a date (`%Y-%m-%d`), a datetime (`%Y-%m-%d %H:%M:%S`), an ISO 8601 datetime, a
boolean (`true`/`false`, any case), else text; empty and `null` values are nulls. The adapter then names the
table's column type; most make a number a float (`float8`, `DOUBLE`, `float64`) when some value has a
significant decimal digit (`1.50`, not `120.0`) and an integer otherwise.

meshlint gives a type only where the values decide it beyond doubt, and only for the adapters listed below;
everything else stays unknown, which is never reported as a mismatch. Left unknown on purpose: numbers written with signs, exponents, group separators,
currency or percent signs, integers beyond 32 bits (dbt's `integer` could not hold them), ISO datetimes,
columns whose every value is null, and text that a lenient parser might still read as something else.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable

# What each adapter calls each agate type (its `convert_*_type` methods; dbt-adapters' SQLAdapter defaults
# where the adapter keeps them: dbt-postgres 1.11, dbt-snowflake 1.12 and dbt-redshift 1.11 do). DuckDB's
# are checked against real dbt-duckdb (tests/oracle/test_duckdb_columns.py); the others are read from the
# adapters' source. Left out: Redshift's text (`varchar(<longest value>)`) and adapters not listed.
_SQL_ADAPTER = {
    "integer": "integer",
    "float": "float8",
    "date": "date",
    "datetime": "timestamp without time zone",
    "boolean": "boolean",
    "text": "text",
}
_NAMES: dict[str, dict[str, str]] = {
    "duckdb": {
        "integer": "INTEGER",
        "float": "DOUBLE",
        "date": "DATE",
        "datetime": "TIMESTAMP",
        "boolean": "BOOLEAN",
        "text": "VARCHAR",
    },
    "postgres": _SQL_ADAPTER,
    "snowflake": _SQL_ADAPTER,
    "redshift": {k: v for k, v in _SQL_ADAPTER.items() if k != "text"},
    "bigquery": {
        "integer": "int64",
        "float": "float64",
        "date": "date",
        "datetime": "datetime",
        "boolean": "bool",
        "text": "string",
    },
    "trino": {
        "integer": "INTEGER",
        "float": "DOUBLE",
        "date": "DATE",
        "datetime": "TIMESTAMP",
        "boolean": "boolean",
        "text": "VARCHAR",
    },
    "spark": {
        "integer": "bigint",
        "float": "double",
        "date": "date",
        "datetime": "timestamp",
        "boolean": "boolean",
        "text": "string",
    },
}

_NULLS = frozenset({"", "null"})
_NUMBER = re.compile(r"-?(\d+)(?:\.(\d+))?")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}")
_WORD = re.compile(r"[A-Za-z][A-Za-z _]*")
# Words that a number, boolean or date parser may accept.
_NOT_PLAIN_TEXT = frozenset(
    "true false yes no y n t f on off nan snan inf infinity none null now today yesterday tomorrow".split()
)
_INT32 = 2**31 - 1


def seed_column_type(values: Iterable[str], dialect: str | None) -> str | None:
    """The column type dbt gives a seed column with these CSV values on `dialect`, or None when unsure.

    >>> seed_column_type(["1", "-2", "", "null"], "duckdb"), seed_column_type(["1.50", "2"], "duckdb")
    ('INTEGER', 'DOUBLE')
    >>> seed_column_type(["120.0", "5"], "duckdb"), seed_column_type(["2024-05-01"], "duckdb")
    ('INTEGER', 'DATE')
    >>> seed_column_type(["view", "12"], "duckdb"), seed_column_type(["True", "false"], "duckdb")
    ('VARCHAR', 'BOOLEAN')
    >>> seed_column_type(["A-100"], "duckdb") is None, seed_column_type(["1"], "mysql") is None
    (True, True)
    """
    names = _NAMES.get(dialect or "")
    if names is None:
        return None
    present = [v.strip() for v in values if v.strip().lower() not in _NULLS]
    if not present:
        return None
    kind = _kind(present)
    return names.get(kind) if kind is not None else None


def _kind(values: list[str]) -> str | None:
    numbers = [_NUMBER.fullmatch(v) for v in values]
    if all(numbers):
        if any(int(m.group(1)) > _INT32 for m in numbers if m is not None):
            return None
        decimals = any((m.group(2) or "").rstrip("0") for m in numbers if m is not None)
        return "float" if decimals else "integer"
    if all(_DATE.fullmatch(v) and _parses(v, "%Y-%m-%d") for v in values):
        return "date"
    if all(_DATETIME.fullmatch(v) and _parses(v, "%Y-%m-%d %H:%M:%S") for v in values):
        return "datetime"
    if all(v.lower() in ("true", "false") for v in values):
        return "boolean"
    if any(_WORD.fullmatch(v) and v.lower() not in _NOT_PLAIN_TEXT for v in values):
        return "text"  # a plain word: no number, date or boolean reads it, so the column is text
    return None


def _parses(value: str, layout: str) -> bool:
    try:
        datetime.datetime.strptime(value, layout)
    except ValueError:
        return False
    return True
