"""The result type of an expression on each warehouse, where it is certain; unknown otherwise.

sqlglot's own annotation is generic (`1.5` is DOUBLE, `row_number()` INT, `avg(int)` DOUBLE everywhere). Type
inference runs it with the annotator table built here (`annotators_for`): an expression keeps a type only when a
rule below knows what the warehouse returns for it, per dialect family; anything else is UNKNOWN, which callers
never report as a mismatch. Structural nodes (aliases, casts, struct fields, predicates) keep sqlglot's
annotation. The rules for DuckDB and Postgres were checked against the engines; the fixtures in tests/inference/
pin all of them.

A rule maps (dialect family, annotated expression) to the type the warehouse gives it, or None. Families: the
dialects whose result types were checked; any other dialect is "other" and gets only the rules that hold
everywhere.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any, Union

from sqlglot import exp
from sqlglot.dialects.dialect import Dialect
from sqlglot.helper import subclasses

from meshlint.analyse.nested_types import NOT_NESTED, common_nested

__all__ = ["annotators_for", "certain_type", "set_operation_columns"]

# ---------------------------------------------------------------------------------------------------------------
# Dialect families and the helpers every rule uses.
# ---------------------------------------------------------------------------------------------------------------

T = exp.DataType.Type
TypeLike = Union[exp.DataType, T, None]
Rule = Callable[[str, Any], TypeLike]

_FAMILIES = {
    "snowflake": "snowflake",
    "postgres": "postgres",
    "materialize": "postgres",
    "risingwave": "postgres",
    "redshift": "redshift",
    "bigquery": "bigquery",
    "duckdb": "duckdb",
    "databricks": "spark",
    "spark": "spark",
    "spark2": "spark",
    "trino": "trino",
    "presto": "trino",
    "athena": "trino",
}

_INT_ORDER = (T.TINYINT, T.SMALLINT, T.INT, T.BIGINT, T.INT128)
_INT_BITS = {T.TINYINT: 8, T.SMALLINT: 16, T.INT: 32, T.BIGINT: 64, T.INT128: 128}
_KINDS: dict[T, str] = {
    **{t: "int" for t in _INT_ORDER},
    T.DECIMAL: "decimal",
    T.BIGDECIMAL: "decimal",
    T.FLOAT: "float",
    T.DOUBLE: "double",
    **{t: "text" for t in (T.VARCHAR, T.TEXT, T.CHAR, T.NCHAR, T.NVARCHAR, T.BPCHAR, T.NAME)},
    T.NULL: "null",
}
_CHARS = frozenset({T.CHAR, T.NCHAR, T.BPCHAR})
_NUMERIC = frozenset({"int", "decimal", "float", "double"})
_NTZ = (T.TIMESTAMP, T.TIMESTAMPNTZ)  # DuckDB's `timestamp` reads as TIMESTAMPNTZ
_DATE_UNITS = frozenset({"YEAR", "QUARTER", "MONTH", "WEEK", "DAY"})
_NOT_TEXT = frozenset(
    {T.ARRAY, T.LIST, T.STRUCT, T.OBJECT, T.MAP, T.VARIANT, T.JSON, T.JSONB, T.BINARY, T.VARBINARY, T.BLOB}
)
# Dialects whose type classes lump REAL with DOUBLE (Snowflake REAL, Postgres FLOAT, BigQuery FLOAT64).
_COARSE_FLOATS = frozenset({"snowflake", "postgres", "bigquery"})


def _is(data_type: exp.DataType, *types: T) -> bool:
    """`DataType.is_type` without its cost (it builds a DataType per argument): compares the base type."""
    return data_type.this in types


def _type(node: exp.Expression | None) -> exp.DataType | None:
    """A child's annotated type; None when missing or unknown (NULL is kept: it is a type to unify)."""
    data_type = node.type if node is not None else None
    if data_type is None or _is(data_type, T.UNKNOWN, T.USERDEFINED):
        return None
    return data_type


def certain_type(data_type: exp.DataType | None) -> exp.DataType | None:
    """An output column's annotated type, or None when it is not certain: missing, unknown, or NULL (a column
    that is only ever NULL gets whatever type the warehouse picks).

    >>> certain_type(exp.DataType.build("decimal(10, 2)")).sql()
    'DECIMAL(10, 2)'
    >>> certain_type(exp.DataType.build("unknown")), certain_type(exp.DataType.build("null"))
    (None, None)
    """
    if data_type is None or _is(data_type, T.UNKNOWN, T.USERDEFINED, T.NULL):
        return None
    return data_type


def _kind(data_type: exp.DataType | None) -> str:
    if data_type is None:
        return "unknown"
    return _KINDS.get(data_type.this, "other") if isinstance(data_type.this, T) else "other"


def _decimal(precision: int, scale: int) -> exp.DataType:
    params = [exp.DataTypeParam(this=exp.Literal.number(precision)), exp.DataTypeParam(this=exp.Literal.number(scale))]
    return exp.DataType(this=T.DECIMAL, expressions=params)


def _is_null(data_type: TypeLike) -> bool:
    return data_type == T.NULL if isinstance(data_type, T) else data_type is not None and _is(data_type, T.NULL)


def _params(data_type: exp.DataType) -> tuple[int, int] | None:
    """(precision, scale) of a DECIMAL(p[, s]); None when unparameterised."""
    values = []
    for param in data_type.expressions:
        inner = param.this if isinstance(param, exp.DataTypeParam) else param
        if not (isinstance(inner, exp.Literal) and inner.is_int):
            return None
        values.append(int(inner.this))
    if len(values) == 1:
        return values[0], 0
    return (values[0], values[1]) if len(values) == 2 else None


def _smallest_int(value: int) -> T | None:
    return next((t for t in _INT_ORDER if -(2 ** (_INT_BITS[t] - 1)) <= value < 2 ** (_INT_BITS[t] - 1)), None)


def _widest(types: list[T]) -> T:
    return max(types, key=_INT_ORDER.index)


def _int_literal(node: exp.Expression) -> int | None:
    """The value of an integer literal (or a negated one), else None."""
    sign = 1
    if isinstance(node, exp.Neg):
        node, sign = node.this, -1
    if isinstance(node, exp.Literal) and not node.is_string and node.this.isdigit():
        return sign * int(node.this)
    return None


# --- literals ----------------------------------------------------------------------------------------------------

_DECIMAL_TEXT = re.compile(r"(\d*)\.(\d*)")
_EXPONENT_TEXT = re.compile(r"[\d.]+[eE][-+]?\d+")
# `1e3`: DOUBLE where checked, numeric on Postgres; Snowflake and Redshift not checked.
_EXPONENT_LITERALS = {**dict.fromkeys(("bigquery", "duckdb", "spark", "trino"), T.DOUBLE), "postgres": T.DECIMAL}


def _string_type(family: str) -> T:
    return T.TEXT if family == "postgres" else T.VARCHAR  # Postgres string functions and literals give `text`


def _literal(family: str, e: exp.Literal) -> TypeLike:
    text = e.this
    if e.is_string:
        # Redshift leaves an untyped string literal `unknown` in the result.
        return None if family == "redshift" else _string_type(family)
    if text.isdigit():
        return _int_literal_type(family, int(text))
    decimal = _DECIMAL_TEXT.fullmatch(text)
    if decimal:
        written = e.meta.get("end", -2) - e.meta.get("start", 0) + 1
        if family == "duckdb" and text.startswith("0.") and written != len(text):
            return None  # sqlglot reads `.5` as `0.5`: DECIMAL(1,1) or DECIMAL(2,1), as written
        return _decimal_literal_type(family, *decimal.groups())
    if _EXPONENT_TEXT.fullmatch(text):
        return _EXPONENT_LITERALS.get(family)
    return None


def _int_literal_type(family: str, value: int) -> TypeLike:
    smallest = _smallest_int(value)
    if smallest is not None and _INT_ORDER.index(smallest) <= _INT_ORDER.index(T.INT):
        return T.INT
    if smallest == T.BIGINT:
        return T.BIGINT
    digits = len(str(abs(value)))
    if family == "duckdb" and smallest == T.INT128:
        return T.INT128  # HUGEINT
    if family == "postgres":
        return T.DECIMAL
    if family in ("snowflake", "spark") and digits <= 38:
        return _decimal(digits, 0)
    return None


def _decimal_literal_type(family: str, before: str, after: str) -> TypeLike:
    """`1.5` is an exact decimal except on BigQuery (FLOAT64)."""
    scale = len(after)
    if family == "bigquery":
        return T.DOUBLE
    if family == "postgres":
        return T.DECIMAL  # `numeric` without a typmod
    if family == "duckdb":  # DuckDB counts every digit written (0.5 is DECIMAL(2,1)); past 38, DOUBLE
        precision = len(before) + len(after)
        return _decimal(precision, scale) if precision <= 38 else T.DOUBLE
    if family in ("snowflake", "redshift", "spark", "trino"):  # like Java's BigDecimal: 0.5 is (1,1)
        precision = max(len((before + after).lstrip("0")), scale, 1)
        return _decimal(precision, scale) if precision <= 38 else None
    return None


def _neg(family: str, e: exp.Neg) -> TypeLike:
    value = _int_literal(e)
    if value is not None and family != "duckdb":  # DuckDB negates the positive literal: -2147483648 is BIGINT
        return _int_literal_type(family, value)
    inner = _type(e.this)
    return inner if _kind(inner) in _NUMERIC else None


# --- common type of several values (CASE, COALESCE, UNION branches, ...) ----------------------------------------


def _common(family: str, items: list[tuple[exp.DataType | None, int | None]]) -> TypeLike:
    """The type of a value that may come from any of `items` ((type, value if an integer literal)).

    Only combinations whose result class is sure: identical types, integers (widest), integers with decimals
    (decimal, where precision is not part of the class), anything numeric with DOUBLE, and strings.
    """
    present = [(t, value) for t, value in items if t is None or not _is(t, T.NULL)]
    if not present:
        return T.NULL
    if any(t is None for t, _ in present):
        return None
    types = [t for t, _ in present]
    first = types[0]
    if all(t == first for t in types[1:]):
        return first
    kinds = {_kind(t) for t in types}
    if kinds == {"int"}:
        return _common_int(family, present)
    if kinds <= _NUMERIC:
        if "double" in kinds:
            return T.DOUBLE
        if "float" in kinds:
            return T.DOUBLE if family in _COARSE_FLOATS else None
        if family == "duckdb":  # DuckDB widens decimals by rules of its own (INTEGER and DECIMAL(10,2): (12,2))
            return None
        return T.BIGDECIMAL if any(_is(t, T.BIGDECIMAL) for t in types) else T.DECIMAL
    if kinds == {"text"}:
        if family in ("redshift", "trino") and any(t.this in _CHARS for t in types):
            return None  # CHAR is a class of its own there
        return _string_type(family)
    return None


def _common_int(family: str, present: list[tuple[exp.DataType, int | None]]) -> TypeLike:
    types = [t.this for t, _ in present]
    if family == "duckdb":
        # DuckDB types an integer literal by what it meets: SMALLINT + 1 is SMALLINT.
        columns = [t.this for t, value in present if value is None]
        if columns:
            literals = [_smallest_int(value) for t, value in present if value is not None]
            if any(t is None for t in literals):
                return None
            return _widest(columns + [t for t in literals if t is not None])
    return _widest(types)


def _values(family: str, nodes: list[exp.Expression | None]) -> TypeLike:
    if family == "duckdb":
        nested = common_nested([n for n in nodes if n is not None])  # lists, structs, maps: nested_types.py
        if nested is not NOT_NESTED:
            return nested  # type: ignore[return-value]
    return _common(family, [(_type(n), _int_literal(n)) for n in nodes if n is not None])


def _case(family: str, e: exp.Case) -> TypeLike:
    return _values(family, [i.args.get("true") for i in e.args.get("ifs") or []] + [e.args.get("default")])


def _if(family: str, e: exp.If) -> TypeLike:
    return _values(family, [e.args.get("true"), e.args.get("false")])


def _all_args(family: str, e: exp.Expression) -> TypeLike:
    return _values(family, [e.this, *e.expressions])


def _coalesce(family: str, e: exp.Coalesce) -> TypeLike:
    args = [e.this, *e.expressions]
    if family == "duckdb" and all(isinstance(a, exp.Column) for a in args) and len({a.name for a in args}) == 1:
        # Probably a JOIN ... USING key, which sqlglot rewrites as COALESCE(a.k, b.k): DuckDB gives the left
        # key's type for inner and left joins, the common type for full ones. Unknown unless they agree.
        if len({_type(a) for a in args}) > 1:
            return None
    return _values(family, args)


# --- arithmetic --------------------------------------------------------------------------------------------------


def _arith(family: str, e: exp.Binary) -> TypeLike:
    left, right = _type(e.left), _type(e.right)
    kinds = {_kind(left), _kind(right)}
    if "unknown" in kinds or "null" in kinds:
        return None
    if not kinds <= _NUMERIC:
        return _temporal_arith(family, e, left, right)
    if kinds == {"int"}:
        if isinstance(e, exp.Div):
            return {"duckdb": T.DOUBLE, "spark": T.DOUBLE, "bigquery": T.DOUBLE, "snowflake": T.DECIMAL}.get(
                family, _common_int(family, _int_pairs(e)) if family in ("postgres", "redshift", "trino") else None
            )
        if family == "redshift" and T.SMALLINT in (left.this, right.this):  # type: ignore[union-attr]
            return None
        return _common_int(family, _int_pairs(e))
    if isinstance(e, exp.Mod):
        return None
    if "double" in kinds:
        return T.DOUBLE
    if "float" in kinds:
        return T.DOUBLE if family in _COARSE_FLOATS else None
    # integers and decimals
    if family == "duckdb":
        return T.DOUBLE if isinstance(e, exp.Div) else None  # DuckDB: DECIMAL / x is DOUBLE; +-* widen by its rules
    if family == "bigquery" and T.BIGDECIMAL in (left.this, right.this):  # type: ignore[union-attr]
        return T.BIGDECIMAL
    return T.DECIMAL if family != "other" else None


def _int_pairs(e: exp.Binary) -> list[tuple[exp.DataType, int | None]]:
    return [(e.left.type, _int_literal(e.left)), (e.right.type, _int_literal(e.right))]


def _temporal_arith(family: str, e: exp.Binary, left: exp.DataType, right: exp.DataType) -> TypeLike:
    """date + integer, date - date and datetime +- interval, where checked (Postgres, DuckDB)."""
    if isinstance(e, (exp.Add, exp.Sub)) and _is(left, T.DATE) and _kind(right) == "int":
        return T.DATE if family in ("postgres", "duckdb", "snowflake") else None
    if isinstance(e, exp.Sub) and _is(left, T.DATE) and _is(right, T.DATE):
        return {"postgres": T.INT, "duckdb": T.BIGINT, "snowflake": T.BIGINT}.get(family)
    if family in ("postgres", "duckdb") and isinstance(e, (exp.Add, exp.Sub)):
        if isinstance(e, exp.Add) and _is(left, T.INTERVAL):
            left, right = right, left
        if _is(right, T.INTERVAL):
            if _is(left, T.DATE, *_NTZ):
                return T.TIMESTAMP
            if _is(left, T.TIMESTAMPTZ):
                return T.TIMESTAMPTZ
    return None


def _dpipe(family: str, e: exp.DPipe) -> TypeLike:
    """`a || b` is string concatenation when neither side is an array, JSON or binary value."""
    sides = [_type(e.left), _type(e.right)]
    if any(t is None or t.this in _NOT_TEXT for t in sides) or "text" not in {_kind(t) for t in sides}:
        return None
    if family in ("redshift", "trino") and any(t.this in _CHARS for t in sides):  # type: ignore[union-attr]
        return None
    return _string_type(family)


# --- functions ---------------------------------------------------------------------------------------------------


def _per_family(default: TypeLike = None, **families: TypeLike) -> Rule:
    return lambda family, e: families.get(family, default)


def _string_function(pure: bool) -> Rule:
    """String functions return the warehouse's string type. `pure` ones take only strings; the others
    (substring, trim, replace, concat) also take binary values and then return binary, so every argument
    must be known. BigQuery applies most of them to BYTES too; CHAR stays CHAR on Redshift and Trino."""

    def rule(family: str, e: exp.Expression) -> TypeLike:
        for arg in e.iter_expressions():
            if isinstance(arg, exp.DataType):
                continue
            arg_type = _type(arg)
            if arg_type is None:
                if not pure or family == "bigquery":
                    return None
                continue
            if arg_type.this in _NOT_TEXT or (family in ("redshift", "trino") and arg_type.this in _CHARS):
                return None
        return _string_type(family)

    return rule


def _first_arg(family: str, e: exp.Expression) -> TypeLike:
    return _type(e.this)


def _numeric_arg(family: str, e: exp.Expression) -> TypeLike:
    arg = _type(e.this)
    return arg if _kind(arg) in _NUMERIC else None


def _sum(family: str, e: exp.Sum) -> TypeLike:
    arg = _type(e.this)
    kind = _kind(arg)
    if kind == "int":
        assert arg is not None
        if arg.this == T.INT128:
            return T.INT128 if family == "duckdb" else None
        if family == "postgres":
            return T.DECIMAL if arg.this == T.BIGINT else T.BIGINT
        return {"snowflake": _decimal(38, 0), "duckdb": T.INT128}.get(
            family, T.BIGINT if family in ("redshift", "bigquery", "spark", "trino") else None
        )
    if kind == "decimal":
        assert arg is not None
        params = _params(arg)
        if family == "bigquery":
            return arg.this
        if params is None:
            return T.DECIMAL if family in ("postgres", "redshift", "spark", "trino", "snowflake") else None
        precision, scale = params
        if family == "spark":
            return _decimal(min(38, precision + 10), scale)
        if family in ("snowflake", "redshift", "duckdb", "trino"):
            return _decimal(38, scale)
        return T.DECIMAL if family == "postgres" else None
    if kind == "double":
        return T.DOUBLE
    if kind == "float":
        return {"postgres": T.FLOAT, "trino": T.FLOAT, "snowflake": T.DOUBLE, "duckdb": T.DOUBLE, "spark": T.DOUBLE,
                "bigquery": T.DOUBLE}.get(family)
    return None


def _avg(family: str, e: exp.Avg) -> TypeLike:
    arg = _type(e.this)
    kind = _kind(arg)
    if kind == "int":
        fixed_point = family in ("snowflake", "postgres")  # Redshift: BIGINT or NUMERIC, not checked
        return T.DECIMAL if fixed_point else T.DOUBLE if family in ("bigquery", "duckdb", "spark", "trino") else None
    if kind == "decimal":
        assert arg is not None
        if family == "duckdb":
            return T.DOUBLE
        if family in ("bigquery", "trino"):
            return arg
        params = _params(arg)
        if family == "spark" and params is not None:
            return _decimal(min(38, params[0] + 4), min(38, params[1] + 4))
        return T.DECIMAL if family != "other" else None
    if kind == "double":
        return T.DOUBLE
    if kind == "float":
        return T.FLOAT if family == "trino" else T.DOUBLE if family != "other" else None
    return None


def _deviation(family: str, e: exp.Expression) -> TypeLike:
    kind = _kind(_type(e.this))
    if kind not in _NUMERIC:
        return None
    if family == "postgres":
        return T.DECIMAL if kind in ("int", "decimal") else T.DOUBLE
    return T.DOUBLE if family in ("bigquery", "duckdb", "spark", "trino") else None


def _round(family: str, e: exp.Expression) -> TypeLike:
    """round/floor/ceil: the result class depends on the argument's and on the dialect."""
    arg = _type(e.this)
    kind = _kind(arg)
    is_round = isinstance(e, exp.Round)
    if kind == "double" or (kind == "float" and family in _COARSE_FLOATS):
        return T.BIGINT if family == "spark" and not is_round else T.DOUBLE
    if kind == "int":
        assert arg is not None
        if family == "snowflake":
            return T.BIGINT
        if family in ("postgres", "bigquery") or (family == "duckdb" and not is_round):
            return T.DOUBLE
        if family == "spark":
            return arg if is_round else T.BIGINT
        return arg if family in ("duckdb", "trino") else None
    if kind == "decimal":
        assert arg is not None
        if family == "bigquery":
            return arg
        if family == "duckdb":
            params = _params(arg)
            decimals = e.args.get("decimals")
            places = _int_literal(decimals) if decimals is not None else 0
            if params is None or places is None or not 0 <= places <= params[1]:
                return None
            return _decimal(params[0], places)
        return T.DECIMAL if family in ("snowflake", "postgres", "redshift", "spark", "trino") else None
    return None


def _extract(family: str, e: exp.Extract) -> TypeLike:
    part = e.name.upper()
    if family == "bigquery":
        return {"DATE": T.DATE, "TIME": T.TIME, "DATETIME": T.DATETIME}.get(part, T.BIGINT)
    if family == "duckdb":
        return T.DOUBLE if part == "EPOCH" else T.BIGINT
    if family == "spark":
        return _decimal(8, 6) if part in ("SECOND", "SECONDS", "S", "SEC", "SECS") else T.INT
    # Postgres: numeric since 14, double precision before (and date_part always): unknown.
    return T.BIGINT if family in ("snowflake", "trino") else None


def _date_trunc(family: str, e: exp.Expression) -> TypeLike:
    arg = _type(e.this)
    if arg is None or not _is(arg, *exp.DataType.TEMPORAL_TYPES, T.INTERVAL):
        return None
    if family in ("snowflake", "bigquery", "trino"):
        return None if _is(arg, T.INTERVAL) else arg  # the type of the truncated value
    if family == "spark":  # trunc(date, fmt) is a DATE; date_trunc(fmt, x) a TIMESTAMP (TIMESTAMP_NTZ stays so)
        return T.DATE if isinstance(e, exp.DateTrunc) else arg if _is(arg, T.TIMESTAMPNTZ) else T.TIMESTAMP
    if family in ("postgres", "redshift", "duckdb"):
        if _is(arg, *_NTZ, T.TIMESTAMPTZ, T.INTERVAL):
            return arg if not (family == "redshift" and _is(arg, T.INTERVAL)) else None
        if _is(arg, T.DATE):
            return T.TIMESTAMPTZ if family == "postgres" else T.TIMESTAMP
    return None


def _date_add(family: str, e: exp.Expression) -> TypeLike:
    arg = _type(e.this)
    if arg is None or not _is(arg, *exp.DataType.TEMPORAL_TYPES):
        return None
    unit = e.args.get("unit")
    unit_name = unit.name.upper() if isinstance(unit, exp.Expression) else ""
    if family == "snowflake":
        if _is(arg, T.DATE):
            return T.DATE if unit_name in _DATE_UNITS else T.TIMESTAMPNTZ if unit_name else None
        return arg
    if family in ("bigquery", "trino"):
        return arg
    if family in ("duckdb", "redshift"):
        return T.TIMESTAMP if _is(arg, T.DATE, *_NTZ) else arg if _is(arg, T.TIMESTAMPTZ) else None
    if family == "spark":
        if isinstance(e, exp.TsOrDsAdd):
            return T.DATE
        # Databricks' `timestamp` reads as TIMESTAMPTZ
        return arg if _is(arg, T.TIMESTAMP, T.TIMESTAMPTZ, T.TIMESTAMPNTZ) else None
    return None


def _current_timestamp(family: str, e: exp.CurrentTimestamp) -> TypeLike:
    if e.args.get("sysdate"):
        return {"snowflake": T.TIMESTAMPNTZ, "redshift": T.TIMESTAMP}.get(family)
    return {
        "snowflake": T.TIMESTAMPLTZ,
        "postgres": T.TIMESTAMPTZ,
        "bigquery": T.TIMESTAMPTZ,
        "duckdb": T.TIMESTAMPTZ,
        "spark": T.TIMESTAMP,
        "trino": T.TIMESTAMPTZ,
    }.get(family)  # Redshift: GETDATE() is TIMESTAMP, CURRENT_TIMESTAMP TIMESTAMPTZ, both parse alike


def _json_extract(family: str, e: exp.Expression) -> TypeLike:
    arg = _type(e.this)
    if family == "snowflake":
        return T.VARIANT
    if family in ("duckdb", "trino"):
        return T.JSON
    if arg is None:
        return None
    if family == "postgres":
        return arg if _is(arg, T.JSON, T.JSONB) else None
    if family in ("bigquery", "spark"):
        return arg if _is(arg, T.JSON, T.VARIANT, *exp.DataType.TEXT_TYPES) else None
    return None


def _bracket(family: str, e: exp.Bracket) -> TypeLike:
    container = _type(e.this)
    if container is None or len(e.expressions) != 1:
        return None
    if isinstance(e.expressions[0], exp.Slice):  # DuckDB: a slice of a list is a list of its type
        return container if family == "duckdb" and _is(container, T.ARRAY, T.LIST) and container.expressions else None
    if family == "snowflake":
        return T.VARIANT if _is(container, T.VARIANT, T.OBJECT, T.ARRAY) else None
    if _is(container, T.ARRAY, T.LIST) and container.expressions:
        element = container.expressions[0]
        return element if isinstance(element, exp.DataType) else None
    return None


def _array(family: str, e: exp.Array) -> TypeLike:
    element = _values(family, list(e.expressions)) if e.expressions else None
    if element is None or _is_null(element):
        return None
    return exp.DataType(this=T.ARRAY, expressions=[exp.DataType.build(element)], nested=True)


def _array_agg(family: str, e: exp.ArrayAgg) -> TypeLike:
    element = _type(e.this)  # DISTINCT and ORDER BY inside are typed as their value
    if element is None or _is(element, T.NULL) or family == "redshift":
        return None
    return exp.DataType(this=T.ARRAY, expressions=[element], nested=True)


def _list_of(element: exp.DataType | T) -> exp.DataType:
    return exp.DataType(this=T.ARRAY, expressions=[exp.DataType.build(element)], nested=True)


def _arguments(e: exp.Expression) -> list[exp.Expression]:
    """A call's arguments in order (an unknown call's name is its `this`)."""
    if isinstance(e, exp.Anonymous):
        return list(e.expressions)
    return [a for a in [e.this, *e.expressions] if isinstance(a, exp.Expression)]


def _text_split(family: str, e: exp.Expression) -> TypeLike:
    """DuckDB's string_split / str_split / string_to_array / split, their regex forms, regexp_split_to_array
    and regexp_extract_all: VARCHAR[] over a text value (DuckDB has no other overload: anything else fails)."""
    arguments = _arguments(e)
    if family != "duckdb" or not arguments:
        return None
    value = _type(arguments[0])
    return _list_of(T.VARCHAR) if value is not None and _kind(value) == "text" else None


def _same_list(family: str, e: exp.Expression) -> TypeLike:
    """DuckDB's list_distinct / list_sort / list_reverse_sort / list_reverse / list_slice: the list's own type;
    list_concat and `||` of lists of one same type: that type."""
    if family != "duckdb":
        return None
    arguments = _arguments(e)
    lists = arguments if isinstance(e, exp.ArrayConcat) else arguments[:1]
    types = [_type(x) for x in lists]
    if not types:
        return None
    first = types[0]
    if first is None or not _is(first, T.ARRAY, T.LIST) or not first.expressions:
        return None
    return first if all(t is not None and t == first for t in types) else None


def _flatten(family: str, e: exp.Expression) -> TypeLike:
    """DuckDB's flatten of a list of lists: the inner list's type."""
    outer = _type(e.this) if family == "duckdb" else None
    if outer is None or not _is(outer, T.ARRAY, T.LIST) or not outer.expressions:
        return None
    inner = outer.expressions[0]
    return inner if isinstance(inner, exp.DataType) and _is(inner, T.ARRAY, T.LIST) and inner.expressions else None


_DUCK_LIST_CALLS: dict[str, Rule] = {"regexp_split_to_array": _text_split, "list_reverse": _same_list, "list_slice": _same_list}


def _anonymous(family: str, e: exp.Anonymous) -> TypeLike:
    """Calls sqlglot does not know, by name: read as `name(this, ...)` by the rules above."""
    rule = _DUCK_LIST_CALLS.get(e.name.lower()) if family == "duckdb" else None
    return rule(family, e) if rule is not None else None


def _string_agg(family: str, e: exp.GroupConcat) -> TypeLike:
    value_type = _type(e.this)
    return None if value_type is None or value_type.this in _NOT_TEXT else _string_type(family)


def _to_number(family: str, e: exp.ToNumber) -> TypeLike:
    """Snowflake TO_NUMBER/TO_DECIMAL(expr[, format][, precision[, scale]]): NUMBER(precision, scale)."""
    precision, scale = e.args.get("precision"), e.args.get("scale")
    if family != "snowflake" or not (isinstance(precision, exp.Literal) and isinstance(scale, exp.Literal)):
        return None
    return _decimal(int(precision.this), int(scale.this)) if precision.is_int and scale.is_int else None


def _int_div(family: str, e: exp.IntDiv) -> TypeLike:
    """BigQuery DIV(x, y) and DuckDB `x // y` on integers."""
    if {_kind(_type(e.this)), _kind(_type(e.expression))} != {"int"}:
        return None
    pairs = [(e.this.type, _int_literal(e.this)), (e.expression.type, _int_literal(e.expression))]
    return T.BIGINT if family == "bigquery" else _common_int(family, pairs) if family == "duckdb" else None


def _int_result(**overrides: TypeLike) -> Rule:
    """Integer-valued functions: Snowflake NUMBER, BigQuery INT64, and the named type elsewhere."""
    return _per_family(None, snowflake=T.BIGINT, bigquery=T.BIGINT, **overrides)


_LENGTH = _int_result(postgres=T.INT, redshift=T.INT, duckdb=T.BIGINT, spark=T.INT, trino=T.BIGINT)
_DATE_PARTS = _per_family(None, snowflake=T.BIGINT, duckdb=T.BIGINT, trino=T.BIGINT, spark=T.INT)

_FUNCTION_RULES: dict[type[exp.Expression], Rule] = {
    exp.Literal: _literal,
    exp.Neg: _neg,
    exp.Null: lambda family, e: T.NULL,
    exp.Boolean: lambda family, e: T.BOOLEAN,
    exp.Case: _case,
    exp.If: _if,
    exp.Coalesce: _coalesce,
    exp.Greatest: _all_args,
    exp.Least: _all_args,
    exp.Nullif: _first_arg,
    exp.Add: _arith,
    exp.Sub: _arith,
    exp.Mul: _arith,
    exp.Div: _arith,
    exp.Mod: _arith,
    exp.DPipe: _dpipe,
    exp.IntDiv: _int_div,
    # aggregates
    exp.Count: lambda family, e: T.BIGINT,
    exp.CountIf: _int_result(duckdb=T.INT128, spark=T.BIGINT, trino=T.BIGINT),  # DuckDB: HUGEINT
    exp.ApproxDistinct: _int_result(duckdb=T.BIGINT, spark=T.BIGINT, trino=T.BIGINT),
    exp.Sum: _sum,
    exp.Avg: _avg,
    exp.Min: _first_arg,
    exp.Max: _first_arg,
    exp.AnyValue: _first_arg,
    exp.LogicalAnd: lambda family, e: T.BOOLEAN,
    exp.LogicalOr: lambda family, e: T.BOOLEAN,
    exp.ArrayAgg: _array_agg,
    exp.GroupConcat: _string_agg,
    **{cls: _deviation for cls in (exp.Stddev, exp.StddevPop, exp.StddevSamp, exp.Variance, exp.VariancePop)},
    # window functions
    exp.RowNumber: _per_family(T.BIGINT, spark=T.INT),
    exp.Rank: _per_family(T.BIGINT, spark=T.INT, redshift=T.INT),
    exp.DenseRank: _per_family(T.BIGINT, spark=T.INT, redshift=None),
    exp.Ntile: _per_family(T.BIGINT, spark=T.INT, postgres=T.INT),
    exp.PercentRank: _per_family(T.DOUBLE, snowflake=None, redshift=None, other=None),
    exp.CumeDist: _per_family(T.DOUBLE, snowflake=None, redshift=None, other=None),
    exp.Lag: lambda family, e: _values(family, [e.this, e.args.get("default")]),
    exp.Lead: lambda family, e: _values(family, [e.this, e.args.get("default")]),
    exp.FirstValue: _first_arg,
    exp.LastValue: _first_arg,
    exp.NthValue: _first_arg,
    # dates
    exp.CurrentDate: lambda family, e: T.DATE,
    exp.CurrentTimestamp: _current_timestamp,
    exp.CurrentDatetime: _per_family(None, bigquery=T.DATETIME),
    exp.Localtimestamp: _per_family(None, postgres=T.TIMESTAMP),
    exp.DateTrunc: _date_trunc,
    exp.TimestampTrunc: _date_trunc,
    exp.DatetimeTrunc: _date_trunc,
    **{
        cls: _date_add
        for cls in (exp.DateAdd, exp.DateSub, exp.TsOrDsAdd, exp.TimestampAdd, exp.TimestampSub, exp.DatetimeAdd,
                    exp.DatetimeSub)
    },
    # Databricks' datediff(end, start) is INT, datediff(unit, start, end) BIGINT; sqlglot reads both alike
    exp.DateDiff: _int_result(redshift=T.BIGINT, duckdb=T.BIGINT, trino=T.BIGINT),
    exp.TsOrDsDiff: _per_family(None, redshift=T.BIGINT),
    exp.TimestampDiff: _per_family(None, snowflake=T.BIGINT, bigquery=T.BIGINT, spark=T.BIGINT),
    exp.DatetimeDiff: _per_family(None, bigquery=T.BIGINT),
    exp.Extract: _extract,
    exp.DateFromParts: lambda family, e: T.DATE,
    exp.LastDay: lambda family, e: T.DATE,
    **{
        cls: _DATE_PARTS
        for cls in (exp.Year, exp.Month, exp.Day, exp.Quarter, exp.Hour, exp.Minute, exp.Second, exp.DayOfMonth,
                    exp.DayOfYear)
    },
    **{cls: (lambda family, e: T.DATE) for cls in (exp.StrToDate, exp.TsOrDsToDate, exp.Date)},
    exp.StrToTime: _per_family(  # BigQuery's PARSE_TIMESTAMP and PARSE_DATETIME read alike
        None, snowflake=T.TIMESTAMPNTZ, postgres=T.TIMESTAMPTZ, redshift=T.TIMESTAMPTZ, duckdb=T.TIMESTAMP,
        spark=T.TIMESTAMP, trino=T.TIMESTAMP,
    ),
    exp.UnixToTime: _per_family(None, postgres=T.TIMESTAMPTZ, duckdb=T.TIMESTAMPTZ),
    exp.Interval: _per_family(T.INTERVAL, snowflake=None, redshift=None, other=None),
    # strings
    **{
        cls: _string_function(pure=True)
        for cls in (exp.Upper, exp.Lower, exp.Initcap, exp.Left, exp.Right, exp.Pad, exp.Reverse, exp.Repeat,
                    exp.SplitPart, exp.RegexpReplace, exp.RegexpExtract, exp.Translate, exp.ConcatWs,
                    exp.ToChar, exp.TimeToStr)
    },
    exp.JSONExtractScalar: lambda family, e: _string_type(family),  # ->>, JSON_VALUE, get_json_object...
    exp.JSONBExtractScalar: lambda family, e: _string_type(family),
    **{cls: _string_function(pure=False) for cls in (exp.Concat, exp.Substring, exp.Trim, exp.Replace)},
    # a hex string, except BigQuery's and Trino's MD5, which return bytes
    exp.MD5: _per_family(T.VARCHAR, postgres=T.TEXT, bigquery=None, trino=None, other=None),
    exp.Length: _LENGTH,
    exp.StrPosition: _LENGTH,
    # numbers
    exp.Abs: _numeric_arg,
    exp.ToNumber: _to_number,
    exp.Round: _round,
    exp.Floor: _round,
    exp.Ceil: _round,
    # semi-structured values
    exp.JSONExtract: _json_extract,
    exp.JSONBExtract: _json_extract,
    exp.ParseJSON: _per_family(T.JSON, snowflake=T.VARIANT, spark=T.VARIANT, postgres=None, redshift=None, other=None),
    exp.Bracket: _bracket,
    exp.Array: _array,
    exp.Split: _text_split,
    exp.RegexpSplit: _text_split,
    exp.RegexpExtractAll: _text_split,
    exp.ArrayDistinct: _same_list,
    exp.ArraySort: _same_list,
    exp.ArrayReverse: _same_list,
    exp.ArrayConcat: _same_list,
    exp.Flatten: _flatten,
    exp.Anonymous: _anonymous,
    exp.ArraySize: _int_result(postgres=T.INT, duckdb=T.BIGINT, spark=T.INT, trino=T.BIGINT),
}

# Nodes whose sqlglot annotation is structural (a child's type, a cast's target, a struct field, BOOLEAN for a
# predicate) and therefore the warehouse's: kept from the dialect's own table.
_STRUCTURAL: tuple[type[exp.Expression], ...] = (
    exp.Alias, exp.Paren, exp.Not, exp.Subquery, exp.Window, exp.Filter, exp.IgnoreNulls, exp.RespectNulls,
    exp.Cast, exp.TryCast, exp.Dot, exp.Explode, exp.Unnest, exp.Distinct, exp.Order, exp.DataType, exp.Struct,
    exp.PropertyEQ,
    *subclasses(exp.__name__, (exp.Predicate, exp.Connector)),
)


def _annotator(rule: Rule, family: str) -> Callable[[Any, exp.Expression], Any]:
    def annotate(annotator: Any, expression: exp.Expression) -> Any:
        result = rule(family, expression)
        return annotator._set_type(expression, result if result is not None else T.UNKNOWN)

    return annotate


@functools.lru_cache(maxsize=32)
def annotators_for(dialect: str) -> dict[type[exp.Expression], dict[str, Any]]:
    """The annotator table to hand to sqlglot's `annotate_types` (as `expression_metadata`): structural
    entries from the dialect's table, our rules for the rest. Expressions in neither are typed UNKNOWN by
    sqlglot itself.

    >>> from sqlglot import parse_one
    >>> from sqlglot.optimizer.annotate_types import annotate_types
    >>> def result_type(sql: str, dialect: str) -> str | None:
    ...     tree = annotate_types(parse_one(sql, dialect), dialect=dialect, expression_metadata=annotators_for(dialect))
    ...     data_type = certain_type(tree.selects[0].type)
    ...     return data_type.sql(dialect) if data_type is not None else None
    >>> result_type("select 1.5", "snowflake"), result_type("select 1.5", "bigquery")
    ('DECIMAL(2, 1)', 'FLOAT64')
    >>> result_type("select avg(1)", "duckdb"), result_type("select my_udf(1)", "duckdb")
    ('DOUBLE', None)
    """
    family = _FAMILIES.get(dialect, "other")
    base = Dialect.get_or_raise(dialect).EXPRESSION_METADATA
    table: dict[type[exp.Expression], dict[str, Any]] = {cls: base[cls] for cls in _STRUCTURAL if cls in base}
    table.update({cls: {"annotator": _annotator(rule, family)} for cls, rule in _FUNCTION_RULES.items()})
    for cls in subclasses(exp.__name__, exp.SetOperation):
        table[cls] = {"annotator": _set_operation_annotator(family)}
    table[exp.Values] = {"annotator": _values_annotator(family)}
    return table


# --- set operations and VALUES -----------------------------------------------------------------------------------

_SETOP_COLUMNS = "meshlint_columns"  # meta key: a set operation's [(name, type)], unified by `_common`


def _branch_columns(node: exp.Expression) -> list[tuple[str, exp.DataType | None, None]]:
    """(name, type, None) per column of one side of a set operation. Each side is typed on its own (DuckDB's
    integer literals do not adapt to the other side, unlike in COALESCE), hence no literal values."""
    if isinstance(node, exp.SetOperation):
        return [(name, t, None) for name, t in node.meta.get(_SETOP_COLUMNS, [])]
    return [(s.alias_or_name, _type(s), None) for s in node.selects] if isinstance(node, exp.Query) else []


def _set_operation_annotator(family: str) -> Callable[[Any, exp.Expression], Any]:
    """Replaces sqlglot's column types for a UNION/INTERSECT/EXCEPT (its coercion keeps the first parameterised
    type: INT UNION DECIMAL(2,1) stays DECIMAL, DOUBLE UNION DECIMAL becomes DECIMAL) by `_common`'s."""

    def annotate(annotator: Any, expression: exp.SetOperation) -> Any:
        left = _branch_columns(expression.this.unnest())
        right = _branch_columns(expression.expression.unnest())
        columns: list[tuple[str, exp.DataType | None]]
        if expression.args.get("by_name"):
            columns = [(name, None) for name, _ in annotator._setop_column_types.get(id(expression), [])]
        elif left and len(left) == len(right):
            columns = []
            for (name, left_type, left_value), (_, right_type, right_value) in zip(left, right):
                common = _common(family, [(left_type, left_value), (right_type, right_value)])
                columns.append((name, exp.DataType.build(common) if common is not None else None))
        else:
            columns = []
        expression.meta[_SETOP_COLUMNS] = columns
        annotator._setop_column_types[id(expression)] = [(n, t if t is not None else T.UNKNOWN) for n, t in columns]
        return annotator._set_type(expression, T.UNKNOWN)

    return annotate


def set_operation_columns(query: exp.Expression) -> list[tuple[str, exp.DataType | None]] | None:
    """The (name, type) of each column of a UNION/INTERSECT/EXCEPT annotated with `annotators_for`'s table
    (None for a type with no common class); None when `query` is not a set operation.

    >>> from sqlglot import parse_one
    >>> from sqlglot.optimizer.annotate_types import annotate_types
    >>> sql = "select 1 as n, 'a' as s union all select 2.5, null"
    >>> union = annotate_types(parse_one(sql, "postgres"), dialect="postgres",
    ...                        expression_metadata=annotators_for("postgres"))
    >>> [(name, t.sql("postgres") if t is not None else None) for name, t in set_operation_columns(union)]
    [('n', 'DECIMAL'), ('s', 'TEXT')]
    """
    return query.meta.get(_SETOP_COLUMNS) if isinstance(query, exp.SetOperation) else None


def _values_annotator(family: str) -> Callable[[Any, exp.Expression], Any]:
    """sqlglot types a VALUES column by coercing its rows pairwise (the same coercion as for unions): give every
    row of a column the common type instead, or UNKNOWN when there is none."""

    def annotate(annotator: Any, expression: exp.Values) -> Any:
        rows = [row.expressions for row in expression.expressions if isinstance(row, exp.Tuple)]
        if len(rows) > 1:
            for column in zip(*rows):
                common = _values(family, list(column))
                for value in column:
                    if not (value.type and _is(value.type, T.NULL)):
                        annotator._set_type(value, common if common is not None else T.UNKNOWN)
        return annotator._set_type(expression, T.UNKNOWN)

    return annotate
