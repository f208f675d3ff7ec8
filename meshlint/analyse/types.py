"""Column-type equality as dbt's contract check sees it, per adapter (semantics §2.5, §2.6).

dbt's build-time preflight runs both the model SQL and ``select cast(null as <data_type>) ...`` through the
warehouse and compares the *driver's type-code names* of the two result sets
(``connections.data_type_code_to_name``). How coarse those names are depends on the adapter:

* Snowflake lumps every NUMBER/INT/DECIMAL into ``FIXED``, every string into ``TEXT``, float/double into ``REAL``.
* Postgres (psycopg2): int2/int4 -> ``INTEGER``, int8 -> ``LONGINTEGER``, numeric -> ``DECIMAL`` (precision ignored),
  every string -> ``STRING`` (relabelled ``TEXT``), timestamp != timestamptz, time == timetz, json != jsonb.
* Redshift (redshift_connector): like Postgres but SMALLINT/INTEGER/BIGINT distinct, char (``BPCHAR``) != varchar,
  ``FLOAT`` (float8) != ``REAL``.
* BigQuery: int/int64/integer equal, numeric precision ignored, arrays as ``ARRAY<...>``.
* DuckDB: the full type (``DECIMAL(18,3)`` != ``DECIMAL(2,1)``, INTEGER != BIGINT), text == varchar == string.
* Spark/Databricks: the driver's type string without parameters (``decimal``, ``array``).
* Trino/Athena: ``type_code.split("(")[0].upper()`` (so ``varchar(10)`` == ``varchar``).
* SQL Server/Fabric: pyodbc's Python type, relabelled (every integer is ``int``).

This module maps sqlglot ``DataType`` values into those names ("classes"). The per-adapter tables are plain data
(``sqlglot DataType.Type -> class name``); a few adapters whose names carry parameters (DuckDB decimals and nested
types, BigQuery arrays/structs, Postgres arrays) add a renderer for those types. Dialects without a table fall
back to broad families (integer, decimal, float, text, ...). Anything the adapter would not know, or that sqlglot
could not type, maps to ``None`` -- and ``same_type`` returns ``None`` so callers never report a mismatch on it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

__all__ = ["display_type", "is_unsized_numeric", "same_type", "type_class"]

T = exp.DataType.Type

# ---------------------------------------------------------------------------------------------------------------
# Groups of sqlglot types, used to build the tables below.
# ---------------------------------------------------------------------------------------------------------------

_SIGNED_INTS = frozenset({T.TINYINT, T.SMALLINT, T.MEDIUMINT, T.INT, T.BIGINT, T.INT128, T.INT256})
_UNSIGNED_INTS = frozenset({T.UTINYINT, T.USMALLINT, T.UMEDIUMINT, T.UINT, T.UBIGINT, T.UINT128, T.UINT256})
_SERIALS = frozenset({T.SMALLSERIAL, T.SERIAL, T.BIGSERIAL})
_DECIMALS = frozenset({T.DECIMAL, T.DECIMAL32, T.DECIMAL64, T.DECIMAL128, T.DECIMAL256, T.UDECIMAL})
_FLOATS = frozenset({T.FLOAT, T.DOUBLE, T.UDOUBLE})
_STRINGS = frozenset(
    {T.CHAR, T.NCHAR, T.VARCHAR, T.NVARCHAR, T.TEXT, T.TINYTEXT, T.MEDIUMTEXT, T.LONGTEXT, T.BPCHAR, T.NAME,
     T.FIXEDSTRING}
)
_BINARIES = frozenset({T.BINARY, T.VARBINARY, T.BLOB, T.TINYBLOB, T.MEDIUMBLOB, T.LONGBLOB, T.IMAGE})
_TIMESTAMPS_NTZ = frozenset({T.TIMESTAMP, T.TIMESTAMPNTZ, T.DATETIME, T.DATETIME2, T.DATETIME64, T.SMALLDATETIME})
_TIMESTAMPS_TZ = frozenset({T.TIMESTAMPTZ, T.TIMESTAMPLTZ})
_TIMESTAMP_UNITS = frozenset({T.TIMESTAMP_S, T.TIMESTAMP_MS, T.TIMESTAMP_NS})

# sqlglot's "I could not work out the type" markers: never compared.
_UNKNOWN = frozenset({T.UNKNOWN, T.NULL, T.USERDEFINED, T.NOTHING})


def _classes(groups: Mapping[str, Iterable[T]]) -> dict[T, str]:
    """Invert ``{class name: sqlglot types}`` into ``{sqlglot type: class name}`` (a type may appear once)."""
    table: dict[T, str] = {}
    for name, types in groups.items():
        for t in types:
            if t in table:  # pragma: no cover - guards the tables below while editing them
                raise ValueError(f"{t} is in both {table[t]} and {name}")
            table[t] = name
    return table


# ---------------------------------------------------------------------------------------------------------------
# Per-adapter tables: sqlglot DataType.Type -> the name the adapter's contract check compares.
# A type missing from an adapter's table is one the warehouse would not return/accept: it maps to None.
# ---------------------------------------------------------------------------------------------------------------

# snowflake.connector.constants.FIELD_ID_TO_NAME. TIMESTAMP/DATETIME follow the default
# TIMESTAMP_TYPE_MAPPING (TIMESTAMP_NTZ).
SNOWFLAKE_CLASSES: dict[T, str] = _classes(
    {
        "FIXED": _SIGNED_INTS | _UNSIGNED_INTS | _DECIMALS | {T.BIGDECIMAL},
        "DECFLOAT": {T.DECFLOAT},
        "REAL": _FLOATS,
        "TEXT": _STRINGS,
        "BINARY": _BINARIES,
        "BOOLEAN": {T.BOOLEAN},
        "DATE": {T.DATE, T.DATE32},
        "TIME": {T.TIME},
        "TIMESTAMP_NTZ": _TIMESTAMPS_NTZ,
        "TIMESTAMP_LTZ": {T.TIMESTAMPLTZ},
        "TIMESTAMP_TZ": {T.TIMESTAMPTZ},
        "VARIANT": {T.VARIANT},
        "OBJECT": {T.OBJECT, T.STRUCT},
        "ARRAY": {T.ARRAY, T.LIST},
        "MAP": {T.MAP},
        "GEOGRAPHY": {T.GEOGRAPHY},
        "GEOMETRY": {T.GEOMETRY},
        "VECTOR": {T.VECTOR},
        "FILE": {T.FILE},
    }
)

# psycopg2.extensions.string_types[oid].name, with the base STRING -> TEXT label. OIDs psycopg2 does not map
# come back as "unknown type_code N" (distinct per OID). ARRAY is rendered from its element (see below).
POSTGRES_CLASSES: dict[T, str] = _classes(
    {
        "INTEGER": {T.SMALLINT, T.INT, T.SMALLSERIAL, T.SERIAL},
        "LONGINTEGER": {T.BIGINT, T.BIGSERIAL},
        "FLOAT": {T.FLOAT, T.DOUBLE},
        "DECIMAL": {T.DECIMAL},
        "TEXT": {T.CHAR, T.NCHAR, T.VARCHAR, T.NVARCHAR, T.TEXT, T.BPCHAR, T.NAME},
        "BOOLEAN": {T.BOOLEAN},
        "DATE": {T.DATE},
        "TIME": {T.TIME, T.TIMETZ},
        "DATETIME": {T.TIMESTAMP, T.TIMESTAMPNTZ, T.DATETIME},
        "DATETIMETZ": _TIMESTAMPS_TZ,
        "INTERVAL": {T.INTERVAL},
        "BINARY": {T.VARBINARY, T.BINARY, T.BLOB},
        "JSON": {T.JSON},
        "JSONB": {T.JSONB},
        "unknown type_code 2950": {T.UUID},
        "unknown type_code 869": {T.INET},
        "unknown type_code 142": {T.XML},
        "unknown type_code 790": {T.MONEY},
        "unknown type_code 1560": {T.BIT},
        "unknown type_code 600": {T.POINT},
        "INT4RANGE": {T.INT4RANGE},
        "INT8RANGE": {T.INT8RANGE},
        "NUMRANGE": {T.NUMRANGE},
        "DATERANGE": {T.DATERANGE},
        "TSRANGE": {T.TSRANGE},
        "TSTZRANGE": {T.TSTZRANGE},
    }
)

# psycopg2's array typecasters, keyed by the element's class (other element types: "<class>[]").
POSTGRES_ARRAY_CLASSES: dict[str, str] = {
    "INTEGER": "INTEGERARRAY",
    "LONGINTEGER": "LONGINTEGERARRAY",
    "FLOAT": "FLOATARRAY",
    "DECIMAL": "DECIMALARRAY",
    "TEXT": "STRINGARRAY",
    "BOOLEAN": "BOOLEANARRAY",
    "DATE": "DATEARRAY",
    "TIME": "TIMEARRAY",
    "DATETIME": "DATETIMEARRAY",
    "DATETIMETZ": "DATETIMETZARRAY",
    "INTERVAL": "INTERVALARRAY",
    "BINARY": "BINARYARRAY",
    "JSON": "JSONARRAY",
    "JSONB": "JSONBARRAY",
}

# redshift_connector.utils.oids.get_datatype_name (RedshiftOID(oid).name), with STRING (varchar) -> TEXT.
REDSHIFT_CLASSES: dict[T, str] = _classes(
    {
        "SMALLINT": {T.SMALLINT},
        "INTEGER": {T.INT},
        "BIGINT": {T.BIGINT},
        "NUMERIC": {T.DECIMAL},
        "REAL": {T.FLOAT},
        "FLOAT": {T.DOUBLE},
        "TEXT": {T.VARCHAR, T.NVARCHAR, T.TEXT},
        "BPCHAR": {T.CHAR, T.NCHAR, T.BPCHAR},
        "BOOLEAN": {T.BOOLEAN},
        "DATE": {T.DATE},
        "TIME": {T.TIME},
        "TIMETZ": {T.TIMETZ},
        "TIMESTAMP": {T.TIMESTAMP, T.TIMESTAMPNTZ, T.DATETIME},
        "TIMESTAMPTZ": _TIMESTAMPS_TZ,
        "SUPER": {T.SUPER},
        "VARBYTE": {T.VARBINARY, T.BINARY},
        "GEOMETRY": {T.GEOMETRY},
        "GEOGRAPHY": {T.GEOGRAPHY},
    }
)

# SchemaField.field_type, relabelled INTEGER -> INT64, FLOAT -> FLOAT64. sqlglot's BigQuery TIMESTAMP type is
# DATETIME there; its TIMESTAMPTZ is BigQuery's TIMESTAMP. ARRAY and STRUCT are rendered (see below).
BIGQUERY_CLASSES: dict[T, str] = _classes(
    {
        "INT64": _SIGNED_INTS | _UNSIGNED_INTS,
        "NUMERIC": _DECIMALS,
        "BIGNUMERIC": {T.BIGDECIMAL},
        "FLOAT64": _FLOATS,
        "STRING": _STRINGS,
        "BYTES": _BINARIES,
        "BOOLEAN": {T.BOOLEAN},
        "DATE": {T.DATE},
        "TIME": {T.TIME},
        "DATETIME": _TIMESTAMPS_NTZ,
        "TIMESTAMP": _TIMESTAMPS_TZ,
        "JSON": {T.JSON},
        "GEOGRAPHY": {T.GEOGRAPHY},
        "INTERVAL": {T.INTERVAL},
        "RANGE": {T.RANGE},
    }
)

# DuckDB's own type names (str(DuckDBPyType)). DECIMAL and nested types are rendered in full (see below).
DUCKDB_CLASSES: dict[T, str] = _classes(
    {
        "TINYINT": {T.TINYINT},
        "SMALLINT": {T.SMALLINT},
        "INTEGER": {T.INT},
        "BIGINT": {T.BIGINT},
        "HUGEINT": {T.INT128},
        "UTINYINT": {T.UTINYINT},
        "USMALLINT": {T.USMALLINT},
        "UINTEGER": {T.UINT},
        "UBIGINT": {T.UBIGINT},
        "UHUGEINT": {T.UINT128},
        "BIGNUM": {T.BIGNUM},
        "FLOAT": {T.FLOAT},
        "DOUBLE": {T.DOUBLE},
        "VARCHAR": _STRINGS,
        "BLOB": _BINARIES,
        "BOOLEAN": {T.BOOLEAN},
        "DATE": {T.DATE},
        "TIME": {T.TIME},
        "TIME_NS": {T.TIME_NS},
        "TIME WITH TIME ZONE": {T.TIMETZ},
        "TIMESTAMP": {T.TIMESTAMP, T.TIMESTAMPNTZ, T.DATETIME},
        "TIMESTAMP WITH TIME ZONE": _TIMESTAMPS_TZ,
        "TIMESTAMP_S": {T.TIMESTAMP_S},
        "TIMESTAMP_MS": {T.TIMESTAMP_MS},
        "TIMESTAMP_NS": {T.TIMESTAMP_NS},
        "INTERVAL": {T.INTERVAL},
        "UUID": {T.UUID},
        "JSON": {T.JSON},
        "BIT": {T.BIT},
    }
)

# The type string the Spark/Databricks driver reports (no parameters: decimal(10,2) is "decimal", every array
# is "array"). char/varchar are strings in query results.
SPARK_CLASSES: dict[T, str] = _classes(
    {
        "tinyint": {T.TINYINT},
        "smallint": {T.SMALLINT},
        "int": {T.INT},
        "bigint": {T.BIGINT},
        "float": {T.FLOAT},
        "double": {T.DOUBLE},
        "decimal": _DECIMALS,
        "string": _STRINGS,
        "binary": _BINARIES,
        "boolean": {T.BOOLEAN},
        "date": {T.DATE},
        "timestamp": {T.TIMESTAMP, T.DATETIME} | _TIMESTAMPS_TZ,
        "timestamp_ntz": {T.TIMESTAMPNTZ},
        "interval": {T.INTERVAL},
        "array": {T.ARRAY, T.LIST},
        "map": {T.MAP},
        "struct": {T.STRUCT, T.OBJECT},
        "variant": {T.VARIANT},
        "geography": {T.GEOGRAPHY},
        "geometry": {T.GEOMETRY},
    }
)

# dbt-trino: type_code.split("(")[0].upper(); dbt-athena also splits on "<". Trino reports timestamps as
# "timestamp(p)" / "timestamp(p) with time zone", so both become TIMESTAMP (likewise TIME).
TRINO_CLASSES: dict[T, str] = _classes(
    {
        "TINYINT": {T.TINYINT},
        "SMALLINT": {T.SMALLINT},
        "INTEGER": {T.INT},
        "BIGINT": {T.BIGINT},
        "REAL": {T.FLOAT},
        "DOUBLE": {T.DOUBLE},
        "DECIMAL": _DECIMALS,
        "VARCHAR": {T.VARCHAR, T.NVARCHAR, T.TEXT},
        "CHAR": {T.CHAR, T.NCHAR},
        "VARBINARY": _BINARIES,
        "BOOLEAN": {T.BOOLEAN},
        "DATE": {T.DATE},
        "TIME": {T.TIME, T.TIMETZ},
        "TIMESTAMP": _TIMESTAMPS_NTZ | _TIMESTAMPS_TZ,
        "JSON": {T.JSON},
        "UUID": {T.UUID},
        "IPADDRESS": {T.IPADDRESS},
        "ARRAY": {T.ARRAY, T.LIST},
        "MAP": {T.MAP},
        "ROW": {T.STRUCT, T.OBJECT},
    }
)

# dbt-sqlserver / dbt-fabric: pyodbc's Python type for the column, relabelled by the adapter's `datatypes`
# map (float -> "bigint" is the adapter's own label).
TSQL_CLASSES: dict[T, str] = _classes(
    {
        "int": {T.TINYINT, T.SMALLINT, T.INT, T.BIGINT},
        "bit": {T.BIT, T.BOOLEAN},
        "bigint": {T.FLOAT, T.DOUBLE},
        "decimal": {T.DECIMAL, T.MONEY, T.SMALLMONEY},
        "varchar": {T.CHAR, T.NCHAR, T.VARCHAR, T.NVARCHAR, T.TEXT},
        "date": {T.DATE},
        "datetime2(6)": {T.DATETIME, T.DATETIME2, T.SMALLDATETIME, T.TIMESTAMP, T.TIMESTAMPNTZ},
        "time": {T.TIME},
        "uniqueidentifier": {T.UUID},
        "varbinary": {T.BINARY, T.VARBINARY, T.IMAGE, T.ROWVERSION},
    }
)

# Any other dialect: broad families. Types outside them are compared by their sqlglot name.
FAMILY_CLASSES: dict[T, str] = _classes(
    {
        "integer": _SIGNED_INTS | _UNSIGNED_INTS | _SERIALS | {T.BIT},
        "decimal": _DECIMALS | {T.BIGDECIMAL, T.DECFLOAT, T.MONEY, T.SMALLMONEY, T.BIGNUM},
        "float": _FLOATS,
        "text": _STRINGS,
        "boolean": {T.BOOLEAN},
        "date": {T.DATE, T.DATE32},
        "time": {T.TIME, T.TIMETZ, T.TIME_NS},
        "timestamp": _TIMESTAMPS_NTZ | _TIMESTAMP_UNITS,
        "timestamptz": _TIMESTAMPS_TZ,
        "binary": _BINARIES,
        "json": {T.JSON, T.JSONB},
        "array": {T.ARRAY, T.LIST},
        "struct": {T.STRUCT, T.OBJECT},
        "map": {T.MAP},
    }
)


# ---------------------------------------------------------------------------------------------------------------
# Renderers for adapters whose type names carry parameters or element types.
# ---------------------------------------------------------------------------------------------------------------

Renderer = Callable[["_Adapter", exp.DataType], "str | None"]


def _int_param(param: exp.Expression) -> int | None:
    node = param.this if isinstance(param, exp.DataTypeParam) else param
    if isinstance(node, exp.Literal) and not node.is_string:
        try:
            return int(node.this)
        except ValueError:
            return None
    return None


def _element(data_type: exp.DataType) -> exp.DataType | None:
    if len(data_type.expressions) == 1 and isinstance(data_type.expressions[0], exp.DataType):
        return data_type.expressions[0]
    return None


def _fields(adapter: _Adapter, data_type: exp.DataType) -> list[tuple[str, str]] | None:
    """(name, class) of each field of a STRUCT/UNION, or None if one is unnamed or untyped."""
    out = []
    for col in data_type.expressions:
        kind = col.args.get("kind") if isinstance(col, exp.ColumnDef) else None
        if not isinstance(kind, exp.DataType):
            return None
        cls = adapter.class_of(kind)
        if cls is None:
            return None
        out.append((col.this.sql(), cls))
    return out if out else None


def _duckdb_decimal(adapter: _Adapter, data_type: exp.DataType) -> str | None:
    # DuckDB compares precision and scale. An unparameterised DECIMAL here means sqlglot did not know them
    # (DuckDB's own `decimal`/`numeric` parse to DECIMAL(18, 3) already), so it is unknown.
    params = [_int_param(p) for p in data_type.expressions]
    if not params or len(params) > 2 or any(p is None for p in params):
        return None
    precision, scale = params[0], params[1] if len(params) == 2 else 0
    return f"DECIMAL({precision},{scale})"


def _duckdb_list(adapter: _Adapter, data_type: exp.DataType) -> str | None:
    element = _element(data_type)
    cls = adapter.class_of(element) if element is not None else None
    if cls is None:
        return None
    size = data_type.args.get("values")
    if size:
        n = _int_param(size[0])
        return f"{cls}[{n}]" if n is not None else None
    return f"{cls}[]"


def _duckdb_struct(adapter: _Adapter, data_type: exp.DataType) -> str | None:
    fields = _fields(adapter, data_type)
    if fields is None:
        return None
    kind = "UNION" if data_type.this == T.UNION else "STRUCT"
    return f"{kind}(" + ", ".join(f"{name} {cls}" for name, cls in fields) + ")"


def _duckdb_map(adapter: _Adapter, data_type: exp.DataType) -> str | None:
    if len(data_type.expressions) != 2:
        return None
    key, value = (adapter.class_of(e) if isinstance(e, exp.DataType) else None for e in data_type.expressions)
    return f"MAP({key}, {value})" if key and value else None


def _bigquery_array(adapter: _Adapter, data_type: exp.DataType) -> str | None:
    element = _element(data_type)
    cls = adapter.class_of(element) if element is not None else None
    return f"ARRAY<{cls}>" if cls else None


def _bigquery_struct(adapter: _Adapter, data_type: exp.DataType) -> str | None:
    # dbt-bigquery flattens STRUCT columns and compares leaf by leaf, by name: field order does not matter.
    fields = _fields(adapter, data_type)
    if fields is None:
        return None
    return "STRUCT<" + ", ".join(f"{name} {cls}" for name, cls in sorted(fields)) + ">"


def _postgres_array(adapter: _Adapter, data_type: exp.DataType) -> str | None:
    element = _element(data_type)
    while element is not None and element.this == T.ARRAY:  # int[][] is int4[] to Postgres
        element = _element(element)
    cls = adapter.class_of(element) if element is not None else None
    if cls is None:
        return None
    return POSTGRES_ARRAY_CLASSES.get(cls, f"{cls}[]")


# ---------------------------------------------------------------------------------------------------------------
# Adapters and dialects.
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Adapter:
    classes: Mapping[T, str]
    # Types whose class depends on parameters/elements: type -> renderer (a table, not a chain of ifs).
    renderers: Mapping[T, Renderer] = field(default_factory=dict)
    # Leading type names sqlglot accepts but the warehouse rejects in `cast(null as ...)` (a runtime error,
    # not a contract mismatch): treated as unknown.
    rejected: frozenset[str] = frozenset()
    # Fallback only: compare types outside `classes` by their sqlglot name instead of calling them unknown.
    other_by_name: bool = False
    # Display tweaks: (regex, replacement) applied to the lower-cased SQL.
    display: tuple[tuple[str, str], ...] = ()

    def class_of(self, data_type: exp.DataType) -> str | None:
        t = _type_of(data_type)
        if t is None or t in _UNKNOWN:
            return None
        renderer = self.renderers.get(t)
        if renderer is not None:
            return renderer(self, data_type)
        cls = self.classes.get(t)
        if cls is None and self.other_by_name:
            return t.name
        return cls


_SNOWFLAKE = _Adapter(
    SNOWFLAKE_CLASSES,
    display=(
        (r"\bdecimal\b", "number"),
        (r"\btimestampntz\b", "timestamp_ntz"),
        (r"\btimestampltz\b", "timestamp_ltz"),
        (r"\btimestamptz\b", "timestamp_tz"),
    ),
)
_POSTGRES = _Adapter(
    POSTGRES_CLASSES,
    renderers={T.ARRAY: _postgres_array},
    # serial types exist only in CREATE TABLE; `datetime` is not a Postgres type.
    rejected=frozenset({"serial", "serial2", "serial4", "serial8", "smallserial", "bigserial", "datetime"}),
)
_REDSHIFT = _Adapter(REDSHIFT_CLASSES)
_BIGQUERY = _Adapter(BIGQUERY_CLASSES, renderers={T.ARRAY: _bigquery_array, T.STRUCT: _bigquery_struct})
_DUCKDB = _Adapter(
    DUCKDB_CLASSES,
    renderers={
        T.DECIMAL: _duckdb_decimal,
        T.ARRAY: _duckdb_list,
        T.LIST: _duckdb_list,
        T.STRUCT: _duckdb_struct,
        T.UNION: _duckdb_struct,
        T.MAP: _duckdb_map,
    },
    # verdict C08: "Catalog Error: Type with name number does not exist!"
    rejected=frozenset({"number"}),
    display=((r"\btext\b", "varchar"),),
)
_SPARK = _Adapter(SPARK_CLASSES)
_TRINO = _Adapter(TRINO_CLASSES)
_TSQL = _Adapter(TSQL_CLASSES)
_FALLBACK = _Adapter(FAMILY_CLASSES, other_by_name=True)

_ADAPTERS: dict[str, _Adapter] = {
    "snowflake": _SNOWFLAKE,
    "postgres": _POSTGRES,
    "materialize": _POSTGRES,  # dbt-materialize and dbt-risingwave build on dbt-postgres / psycopg2
    "risingwave": _POSTGRES,
    "redshift": _REDSHIFT,
    "bigquery": _BIGQUERY,
    "duckdb": _DUCKDB,
    "databricks": _SPARK,
    "spark": _SPARK,
    "spark2": _SPARK,
    "trino": _TRINO,
    "athena": _TRINO,
    "tsql": _TSQL,
    "fabric": _TSQL,
}


def _type_of(data_type: exp.DataType) -> T | None:
    this = data_type.this
    if isinstance(this, T):
        return this
    if isinstance(this, exp.Interval):  # e.g. Trino's `interval day to second`
        return T.INTERVAL
    return None


@functools.lru_cache(maxsize=64)
def _resolve(dialect: str) -> tuple[str, _Adapter]:
    """The sqlglot dialect name to read with ("" when sqlglot does not know it) and the adapter rules."""
    name = (dialect or "").strip().lower()
    try:
        sqlglot.Dialect.get_or_raise(name or None)
    except (ValueError, SqlglotError):
        return "", _FALLBACK
    return name, _ADAPTERS.get(name, _FALLBACK)


_LEADING_NAME = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*)")


@functools.lru_cache(maxsize=4096)
def _parse_declared(dialect: str, declared: str) -> exp.DataType | None:
    """A YAML `data_type` as sqlglot reads it in `dialect`, or None when it is not a type the warehouse takes."""
    name, adapter = _resolve(dialect)
    if not isinstance(declared, str) or not declared.strip() or ";" in declared:
        return None
    leading = _LEADING_NAME.match(declared)
    if leading and leading.group(1).lower() in adapter.rejected:
        return None
    try:
        data_type = exp.DataType.build(declared, dialect=name or None, udt=True)
        # DataType.build is lenient (`int int` -> INT): also require the text to parse where dbt puts it,
        # in `cast(null as <data_type>)`.
        cast = sqlglot.parse_one(f"SELECT CAST(NULL AS {declared})", read=name or None)
    except (SqlglotError, ValueError, TypeError, AttributeError):
        return None
    if not isinstance(cast, exp.Select) or len(cast.selects) != 1:
        return None
    if _type_of(data_type) is None or data_type.this in _UNKNOWN:
        return None
    return data_type


def _as_data_type(dialect: str, data_type: str | exp.DataType | None) -> exp.DataType | None:
    if isinstance(data_type, exp.DataType):
        return data_type
    if isinstance(data_type, str):
        return _parse_declared(dialect, data_type)
    return None


# ---------------------------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------------------------


def type_class(dialect: str, data_type: str | exp.DataType) -> str | None:
    """The name the adapter's contract check compares for this type, or None when the type is unknown or
    unparseable (or one the warehouse would reject, such as DuckDB ``number``).

    >>> type_class("snowflake", "number(10,2)"), type_class("snowflake", "int"), type_class("snowflake", "string")
    ('FIXED', 'FIXED', 'TEXT')
    >>> type_class("postgres", "int8"), type_class("postgres", "int4"), type_class("postgres", "numeric(10,2)")
    ('LONGINTEGER', 'INTEGER', 'DECIMAL')
    >>> type_class("duckdb", "numeric"), type_class("duckdb", "int[]")
    ('DECIMAL(18,3)', 'INTEGER[]')
    >>> type_class("bigquery", exp.DataType.build("ARRAY<INT64>", dialect="bigquery"))
    'ARRAY<INT64>'
    >>> type_class("mysql", "bigint"), type_class("mysql", "varchar(10)")
    ('integer', 'text')
    >>> type_class("duckdb", "number") is None, type_class("snowflake", "not a type") is None
    (True, True)
    """
    name, adapter = _resolve(dialect)
    parsed = _as_data_type(dialect, data_type)
    return adapter.class_of(parsed) if parsed is not None else None


def same_type(
    dialect: str, declared: str, inferred: exp.DataType | None, *, strict: bool = False
) -> bool | None:
    """Whether dbt's contract check on `dialect` would accept a model whose SQL yields `inferred` for a column
    declared `declared` in YAML. None when either side is unknown (`inferred` None or UNKNOWN/NULL, `declared`
    unparseable or rejected by the warehouse): callers never report a mismatch on None.

    strict=True compares the normalised full types (``DataType.sql(dialect)`` of both sides) instead.

    >>> from sqlglot import exp
    >>> same_type("snowflake", "number", exp.DataType.build("INT", dialect="snowflake"))
    True
    >>> same_type("snowflake", "number", exp.DataType.build("INT", dialect="snowflake"), strict=True)
    False
    >>> same_type("duckdb", "integer", exp.DataType.build("BIGINT", dialect="duckdb"))
    False
    >>> same_type("postgres", "varchar(20)", exp.DataType.build("TEXT", dialect="postgres"))
    True
    >>> same_type("postgres", "int", None) is None
    True
    """
    if not isinstance(inferred, exp.DataType):
        return None
    inferred_type = _type_of(inferred)
    if inferred_type is None or inferred_type in _UNKNOWN:
        return None
    parsed = _parse_declared(dialect, declared) if isinstance(declared, str) else None
    if parsed is None:
        return None
    name, adapter = _resolve(dialect)
    if strict:
        if _has_unknown(inferred):
            return None
        return parsed.sql(dialect=name or None) == inferred.sql(dialect=name or None)
    declared_class = adapter.class_of(parsed)
    inferred_class = adapter.class_of(inferred)
    if declared_class is None or inferred_class is None:
        return None
    return declared_class == inferred_class


def _has_unknown(data_type: exp.DataType) -> bool:
    return any(_type_of(node) in _UNKNOWN or _type_of(node) is None for node in data_type.find_all(exp.DataType))


def display_type(dialect: str, data_type: exp.DataType | str) -> str:
    """How to print a type in a message: lower-case SQL in that dialect, with parameters written ``(38,0)``.
    A string sqlglot cannot read is shown as written (whitespace collapsed, lower-cased).

    >>> display_type("snowflake", "NUMBER"), display_type("snowflake", "string"), display_type("snowflake", "date")
    ('number(38,0)', 'varchar', 'date')
    >>> display_type("duckdb", exp.DataType.build("VARCHAR", dialect="duckdb")), display_type("duckdb", "numeric")
    ('varchar', 'decimal(18,3)')
    >>> display_type("postgres", "float8"), display_type("duckdb", "Number")
    ('double precision', 'number')
    """
    name, adapter = _resolve(dialect)
    parsed = _as_data_type(dialect, data_type)
    if parsed is None:
        return " ".join(str(data_type).split()).lower() if data_type is not None else "unknown"
    text = parsed.sql(dialect=name or None).lower()
    text = re.sub(r"(\d)\s*,\s*(\d)", r"\1,\2", text)
    for pattern, replacement in adapter.display:
        text = re.sub(pattern, replacement, text)
    return text


def is_unsized_numeric(data_type: str) -> bool:
    """dbt's "numeric type and unspecified precision/scale" warning condition (semantics §2.3).

    >>> is_unsized_numeric(" Numeric "), is_unsized_numeric("number(38,0)"), is_unsized_numeric("decimal")
    (True, False, True)
    """
    return isinstance(data_type, str) and data_type.strip().lower() in ("numeric", "decimal", "number")


def rejected_by_warehouse(dialect: str, declared: str) -> bool:
    """The warehouse itself rejects this type name (dbt's build fails casting to it), e.g. `number`
    on DuckDB. Only names known to be rejected count; an unfamiliar name is not a verdict.

    >>> rejected_by_warehouse("duckdb", "number"), rejected_by_warehouse("snowflake", "number")
    (True, False)
    """
    _, adapter = _resolve(dialect)
    leading = _LEADING_NAME.match(declared or "")
    return bool(leading and leading.group(1).lower() in adapter.rejected)
