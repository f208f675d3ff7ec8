"""The name a warehouse gives a select-list expression written without an alias, where its rule is fixed.

* DuckDB: the expression as DuckDB prints it (`count(*)` is `count_star()`, `id + 1` is `(id + 1)`,
  `upper(name)` is `upper("name")`: a keyword is quoted). Printed here for a checked subset of expressions
  (columns, literals, arithmetic and comparisons, casts, common functions); others stay open.
* Postgres and Redshift: the function's or column's name (`sum(x)` is `sum`, `x::text` is `x`, `1::int` is
  `int4`, a CASE is named after its ELSE, else `case`), else `?column?`.
* Snowflake: the expression's text upper-cased (`sum(amount)` is `SUM(AMOUNT)`); closed here only for text
  without spaces, quotes or comments, whose spelling is certain.
* BigQuery: `f0_`, `f1_`... in order over the anonymous columns.
* Trino, Spark and Databricks: open, with the reason (Trino refuses to create a table or view with an unnamed
  column; Spark names it by its own printing, which Delta refuses without column mapping).

`name_unaliased` gives the name, or None and why it stays open.

>>> import sqlglot
>>> sql = "select count(*), id + 1, upper(name) from t"
>>> select, texts = sqlglot.parse_one(sql, "duckdb"), projection_texts(sql, "duckdb")
>>> [name_unaliased(p, "duckdb", i, 0, texts[i])[0] for i, p in enumerate(select.selects)]
['count_star()', '(id + 1)', 'upper("name")']
>>> [name_unaliased(p, "postgres", i, 0, None)[0] for i, p in enumerate(select.selects)]
['count', '?column?', 'upper']
>>> name_unaliased(select.selects[0], "bigquery", 0, 1, None)
('f1_', None)
"""

from __future__ import annotations

import re

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError
from sqlglot.tokens import TokenType

from meshlint.analyse.duckdb_keywords import DUCKDB_KEYWORDS

__all__ = ["ItemTexts", "name_unaliased", "projection_texts"]

Named = tuple[str | None, str | None]  # (name, None) or (None, why it stays open)

_NOT_PRINTED = "the warehouse names it by printing the expression, and meshlint does not print this one as it does"

# ---------------------------------------------------------------------------------------------- DuckDB

_DUCK_BINARY: dict[type[exp.Expression], str] = {
    exp.Add: "+", exp.Sub: "-", exp.Mul: "*", exp.Div: "/", exp.IntDiv: "//", exp.Mod: "%", exp.DPipe: "||",
    exp.EQ: "=", exp.NEQ: "!=", exp.GT: ">", exp.GTE: ">=", exp.LT: "<", exp.LTE: "<=", exp.And: "AND", exp.Or: "OR",
}
# Functions sqlglot parses to a class, printed by DuckDB in lower case; the written name is checked in the text.
_DUCK_FUNCTIONS: dict[type[exp.Expression], str] = {
    exp.Sum: "sum", exp.Avg: "avg", exp.Min: "min", exp.Max: "max", exp.Count: "count", exp.Upper: "upper",
    exp.Lower: "lower", exp.Abs: "abs", exp.Round: "round", exp.Floor: "floor", exp.Ceil: "ceil",
    exp.Greatest: "greatest", exp.Least: "least", exp.RowNumber: "row_number", exp.Rank: "rank",
    exp.DenseRank: "dense_rank", exp.PercentRank: "percent_rank", exp.CumeDist: "cume_dist", exp.Ntile: "ntile",
    exp.Lag: "lag", exp.Lead: "lead", exp.FirstValue: "first_value", exp.LastValue: "last_value",
}
_ARGUMENT_ORDER = ("this", "decimals", "expression", "offset", "default")
# Cast target types: DuckDB prints these spellings under their canonical name ...
_DUCK_CANONICAL = {
    "int": "INTEGER", "integer": "INTEGER", "bigint": "BIGINT", "smallint": "SMALLINT", "varchar": "VARCHAR",
    "decimal": "DECIMAL", "numeric": "DECIMAL", "float": "FLOAT", "real": "FLOAT", "boolean": "BOOLEAN",
    "timestamp": "TIMESTAMP", "time": "TIME", "interval": "INTERVAL",
}
# ... and these as written
_DUCK_AS_WRITTEN = frozenset(
    "int4 int8 tinyint hugeint text string double float8 bool date timestamptz uuid ubigint datetime blob".split()
)
_CAST_TYPE = re.compile(
    r"(?:::\s*|\bas\s+)([a-z_][a-z0-9_]*)\s*(\(\s*\d+\s*(?:,\s*\d+\s*)?\))?\s*\)?\s*$", re.IGNORECASE
)
_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _duck_identifier(name: str) -> str:
    if _PLAIN.fullmatch(name) and name.lower() not in DUCKDB_KEYWORDS:
        return name
    return '"' + name.replace('"', '""') + '"'


class _Unprintable(Exception):
    pass


def _duck(node: exp.Expression, text: str | None) -> str:
    """DuckDB's printing of an expression, or `_Unprintable`."""
    if isinstance(node, exp.Paren):
        return _duck(node.this, text)
    if isinstance(node, exp.Column):
        if node.args.get("db") or node.args.get("catalog") or isinstance(node.this, exp.Star):
            raise _Unprintable
        parts = [node.table] if node.table else []
        return ".".join(_duck_identifier(p) for p in [*parts, node.name])
    if isinstance(node, exp.Literal):
        if node.is_string:
            return "'" + node.this.replace("'", "''") + "'"
        return node.this
    if isinstance(node, exp.Boolean):
        return "true" if node.this else "false"
    if isinstance(node, exp.Null):
        return "NULL"
    if isinstance(node, exp.Neg):
        if isinstance(node.this, exp.Literal) and not node.this.is_string:
            return "-" + node.this.this
        return f"(-({_duck(node.this, text)}))"
    if isinstance(node, exp.Not):
        if isinstance(node.this, exp.Is) and isinstance(node.this.expression, exp.Null):
            return f"({_duck(node.this.this, text)} IS NOT NULL)"
        return f"(NOT {_duck(node.this, text)})"
    if isinstance(node, (exp.Like, exp.ILike)) and not node.args.get("escape") and not isinstance(node.this, exp.Star):
        operator = ("!" if node.args.get("negate") else "") + ("~~*" if isinstance(node, exp.ILike) else "~~")
        return f"({_duck(node.this, text)} {operator} {_duck(node.expression, text)})"
    if isinstance(node, exp.In) and node.expressions and not node.args.get("query") and not node.args.get("unnest"):
        return f"({_duck(node.this, text)} IN (" + ", ".join(_duck(e, text) for e in node.expressions) + "))"
    if isinstance(node, exp.Between) and not node.args.get("symmetric"):
        return f"({_duck(node.this, text)} BETWEEN {_duck(node.args['low'], text)} AND {_duck(node.args['high'], text)})"
    typed = _typed_literal(node, text)
    if typed is not None:
        return typed
    if isinstance(node, exp.Is) and isinstance(node.expression, exp.Null):
        return f"({_duck(node.this, text)} IS NULL)"
    if isinstance(node, exp.Case):
        whens = []
        for branch in node.args.get("ifs") or []:
            condition = branch.this
            if node.this is not None:
                condition = exp.EQ(this=node.this, expression=condition)
            whens.append(f" WHEN ({_duck(condition, text)}) THEN ({_duck(branch.args['true'], text)})")
        default = node.args.get("default")
        return f"CASE {''.join(whens)} ELSE {_duck(default, text) if default is not None else 'NULL'} END"
    if isinstance(node, exp.Window):
        return _duck_window(node, text)
    if isinstance(node, exp.Extract):
        return f"date_part('{_duck_extract_part(node, text)}', {_duck(node.expression, text)})"
    operator = _DUCK_BINARY.get(type(node))
    if operator is not None:
        written = ("<>", "!=") if operator == "!=" else (operator,)
        if operator in ("%", "||", "//") and (text is None or not any(w in text for w in written)):
            raise _Unprintable  # sqlglot reads `mod(a, b)` and `concat(a, b)` as operators; DuckDB prints them as written
        return f"({_duck(node.this, text)} {operator} {_duck(node.expression, text)})"
    if isinstance(node, exp.Coalesce):
        return "COALESCE(" + ", ".join(_duck(a, text) for a in [node.this, *node.expressions]) + ")"
    if isinstance(node, (exp.Cast, exp.TryCast)) and not node.args.get("format"):
        return f"{'TRY_CAST' if isinstance(node, exp.TryCast) else 'CAST'}({_duck(node.this, text)} AS {_duck_type(text)})"
    if isinstance(node, exp.Count):
        inner = node.this
        if isinstance(inner, exp.Star):
            return "count_star()"
        if isinstance(inner, exp.Distinct) and len(inner.expressions) == 1:
            return f"count(DISTINCT {_duck(inner.expressions[0], text)})"
        return f"count({_duck(inner, text)})" if inner is not None else "count_star()"
    if isinstance(node, exp.Anonymous) and isinstance(node.this, str):
        name = node.this.lower()
        return f"{_duck_identifier(name)}(" + ", ".join(_duck(a, text) for a in node.expressions) + ")"
    name = _DUCK_FUNCTIONS.get(type(node))
    if name is not None and text is not None and re.search(rf"\b{name}\s*\(", text, re.IGNORECASE):
        arguments = [node.args[k] for k in _ARGUMENT_ORDER if node.args.get(k) is not None]
        arguments += node.expressions
        keys = set(k for k, v in node.args.items() if v) - {*_ARGUMENT_ORDER, "expressions"}
        if isinstance(node, (exp.Greatest, exp.Least)):
            keys.discard("ignore_nulls")  # sqlglot's note of DuckDB's semantics, not written
        if keys:
            raise _Unprintable
        if len(arguments) == 1 and isinstance(arguments[0], exp.Distinct) and len(arguments[0].expressions) == 1:
            return f"{_duck_identifier(name)}(DISTINCT {_duck(arguments[0].expressions[0], text)})"
        return f"{_duck_identifier(name)}(" + ", ".join(_duck(a, text) for a in arguments) + ")"
    if isinstance(node, exp.Filter) and isinstance(node.expression, exp.Where):
        return f"{_duck(node.this, text)} FILTER (WHERE {_duck(node.expression.this, text)})"
    if isinstance(node, exp.Func) and text is not None:
        return _duck_text(_written_call(node, text))
    raise _Unprintable


def _written_call(node: exp.Func, text: str) -> str:
    """The text of the one call in `text` that sqlglot reads as `node`'s function (which sqlglot may have renamed
    or whose arguments it may have rewritten), or `_Unprintable` when there is not exactly one."""
    from sqlglot.dialects.dialect import Dialect

    if sum(1 for n in node.root().find_all(type(node))) != 1:
        raise _Unprintable
    tokens = Dialect.get_or_raise("duckdb").tokenize(text)
    found = []
    for at, token in enumerate(tokens[:-1]):
        if tokens[at + 1].token_type != TokenType.L_PAREN or not _PLAIN.fullmatch(token.text):
            continue
        depth, end = 0, None
        for close in range(at + 1, len(tokens)):
            depth += {TokenType.L_PAREN: 1, TokenType.R_PAREN: -1}.get(tokens[close].token_type, 0)
            if depth == 0:
                end = close
                break
        if end is None:
            raise _Unprintable
        call = text[token.start : tokens[end].end + 1]
        try:
            parsed = sqlglot.parse_one(call, "duckdb")
        except SqlglotError:
            continue
        if type(parsed) is type(node):
            found.append(call)
    if len(found) != 1:
        raise _Unprintable
    return found[0]


_TYPED_LITERALS = {exp.DataType.Type.DATE: ("date", "date"), exp.DataType.Type.TIMESTAMPNTZ: ("timestamp", "TIMESTAMP")}


# EXTRACT's parts DuckDB's grammar reads as keywords (interval units) and prints under one upper-case name; any
# other part (`epoch`, `dow`, a string) is printed as written
_DUCK_EXTRACT_KEYWORDS = {
    **{w: w.upper() for w in "year month day hour minute second week quarter decade century millennium".split()},
    **{w + "s": w.upper() for w in "year month day hour minute second week quarter decade".split()},
    "centuries": "CENTURY", "millennia": "MILLENNIUM", "millisecond": "MILLISECONDS", "milliseconds": "MILLISECONDS",
    "microsecond": "MICROSECONDS", "microseconds": "MICROSECONDS",
}
_EXTRACT_WRITTEN = re.compile(r"""\bextract\s*\(\s*(?:([A-Za-z_][A-Za-z0-9_]*)|'([A-Za-z_][A-Za-z0-9_]*)')\s+from\b""", re.IGNORECASE)


def _duck_extract_part(node: exp.Extract, text: str | None) -> str:
    """The part of `EXTRACT(part FROM x)` as DuckDB prints it in `date_part('part', x)`, read from the text
    (sqlglot upper-cases it): `year`/`YEARS` is `YEAR`, `epoch` stays `epoch`, `'year'` stays `year`."""
    found = _EXTRACT_WRITTEN.findall(text or "")
    projection: exp.Expression = node
    while projection.parent is not None and not isinstance(projection.parent, exp.Select):
        projection = projection.parent
    if len(found) != 1 or sum(1 for _ in projection.find_all(exp.Extract)) != 1:
        raise _Unprintable
    word, string = found[0]
    if string:
        return string
    canonical = _DUCK_EXTRACT_KEYWORDS.get(word.lower())
    if canonical is not None:
        return canonical
    if word.lower() in DUCKDB_KEYWORDS:
        raise _Unprintable
    return word


def _typed_literal(node: exp.Expression, text: str | None) -> str | None:
    """`date '2024-01-01'` as DuckDB prints it (`CAST('2024-01-01' AS date)`), when written so."""
    if not isinstance(node, exp.Cast) or not isinstance(node.this, exp.Literal) or not node.this.is_string:
        return None
    found = _TYPED_LITERALS.get(node.to.this)
    if found is None or text is None:
        return None
    keyword, printed = found
    value = node.this.this.replace("'", "''")
    written = re.search(rf"\b({keyword})\s*'{re.escape(value)}'", text, re.IGNORECASE)
    if written is None:
        return None
    return f"CAST('{value}' AS {written.group(1) if printed == keyword else printed})"  # `date` as written


def _duck_window(node: exp.Window, text: str | None) -> str:
    lowered = (text or "").lower()
    if text is None or node.args.get("spec") or node.args.get("alias") or re.search(r"\b(asc|nulls|ignore|respect|exclude)\b", lowered):
        raise _Unprintable  # a frame, a named window, or spellings sqlglot does not keep
    inner = node.this
    if isinstance(inner, exp.Count) and isinstance(inner.this, exp.Star):
        function = "count()"
    else:
        function = _duck(inner, text)
    parts = []
    partition = node.args.get("partition_by") or []
    if partition:
        parts.append("PARTITION BY " + ", ".join(_duck(p, text) for p in partition))
    order = node.args.get("order")
    if order is not None:
        keys = []
        for ordered in order.expressions:
            if not isinstance(ordered, exp.Ordered):
                raise _Unprintable
            keys.append(_duck(ordered.this, text) + (" DESC" if ordered.args.get("desc") else ""))
        parts.append("ORDER BY " + ", ".join(keys))
    return f"{function} OVER ({' '.join(parts)})"


# Function names DuckDB's parser turns into something else than `name(arguments)`
_DUCK_REWRITTEN = frozenset(
    "ifnull coalesce count unnest unlist grouping grouping_id row struct_pack struct try columns exists cast "
    "try_cast extract position substring trim overlay array list_value map".split()
)


def _duck_text(text: str) -> str:
    """DuckDB's printing of a function call written as `text`, whose arguments are columns, literals or such
    calls in turn (`date_trunc('week', order_date)` is `date_trunc('week', order_date)`, `YEAR(d)` is
    `"year"(d)`), read from the tokens as written; `_Unprintable` for anything else."""
    from sqlglot.dialects.dialect import Dialect

    tokens = Dialect.get_or_raise("duckdb").tokenize(text)
    printed, end = _duck_tokens(tokens, 0)
    # JSON arrows on what was read, left to right: `payload->'a'->>'b'` is `((payload -> 'a') ->> 'b')`
    while end + 1 < len(tokens) and tokens[end].token_type in _JSON_ARROWS:
        operator, key = tokens[end], tokens[end + 1]
        if key.token_type not in (TokenType.STRING, TokenType.NUMBER):
            raise _Unprintable
        literal = "'" + key.text.replace("'", "''") + "'" if key.token_type == TokenType.STRING else key.text
        printed, end = f"({printed} {operator.text} {literal})", end + 2
    if end != len(tokens):
        raise _Unprintable
    return printed


_JSON_ARROWS = frozenset({TokenType.ARROW, TokenType.DARROW})


def _duck_tokens(tokens: list, at: int) -> tuple[str, int]:  # type: ignore[type-arg]
    if at >= len(tokens):
        raise _Unprintable
    token = tokens[at]
    kind = token.token_type
    following = tokens[at + 1].token_type if at + 1 < len(tokens) else None
    if kind == TokenType.STRING:
        return "'" + token.text.replace("'", "''") + "'", at + 1
    if kind == TokenType.NUMBER:
        return token.text, at + 1
    if kind == TokenType.DASH and following == TokenType.NUMBER:
        return "-" + tokens[at + 1].text, at + 2
    if kind in (TokenType.TRUE, TokenType.FALSE):
        return token.text.lower(), at + 1
    quoted = kind == TokenType.IDENTIFIER
    if not quoted and not _PLAIN.fullmatch(token.text):
        raise _Unprintable
    if following == TokenType.L_PAREN and not quoted:
        name = token.text.lower()
        if name in _DUCK_REWRITTEN:
            raise _Unprintable
        arguments: list[str] = []
        at += 2
        if at < len(tokens) and tokens[at].token_type == TokenType.R_PAREN:
            return f"{_duck_identifier(name)}()", at + 1
        while True:
            argument, at = _duck_tokens(tokens, at)
            arguments.append(argument)
            if at >= len(tokens):
                raise _Unprintable
            if tokens[at].token_type == TokenType.COMMA:
                at += 1
                continue
            if tokens[at].token_type == TokenType.R_PAREN:
                return _duck_subscripts(tokens, f"{_duck_identifier(name)}(" + ", ".join(arguments) + ")", at + 1)
            if tokens[at].token_type == TokenType.ORDER_BY:  # an aggregate's ORDER BY: `list(x ORDER BY y DESC)`
                keys, at = _duck_order_keys(tokens, at + 1)
                return f"{_duck_identifier(name)}(" + ", ".join(arguments) + f" ORDER BY {keys})", at
            raise _Unprintable
    parts = [token.text]
    at += 1
    while at + 1 < len(tokens) and tokens[at].token_type == TokenType.DOT:
        part = tokens[at + 1]
        if part.token_type != TokenType.IDENTIFIER and not _PLAIN.fullmatch(part.text):
            raise _Unprintable
        parts.append(part.text)
        at += 2
    if len(parts) > 2 or kind in (TokenType.NULL,) or (not quoted and token.text.lower() in ("null", "true", "false")):
        raise _Unprintable
    return _duck_subscripts(tokens, ".".join(_duck_identifier(p) for p in parts), at)


def _duck_subscripts(tokens: list, printed: str, at: int) -> tuple[str, int]:  # type: ignore[type-arg]
    """Subscripts and slices after a column or a call, printed as DuckDB does: `l[2]`, `l[1:2]`, `l[:2]`,
    `s['a']`, `ll[1][2]`; each bound a number, a string, a column or a call (else `_Unprintable`: DuckDB
    parenthesises an expression, `l[(i + 1)]`). A `.field` after a subscript is `_Unprintable` too."""
    while at < len(tokens) and tokens[at].token_type == TokenType.L_BRACKET:
        at += 1
        bounds: list[str] = []
        while True:
            if at < len(tokens) and tokens[at].token_type in (TokenType.COLON, TokenType.R_BRACKET):
                bounds.append("")
            else:
                bound, at = _duck_tokens(tokens, at)
                bounds.append(bound)
            if at >= len(tokens):
                raise _Unprintable
            if tokens[at].token_type == TokenType.COLON and len(bounds) < 3:
                at += 1
                continue
            if tokens[at].token_type == TokenType.R_BRACKET:
                at += 1
                break
            raise _Unprintable
        if bounds == [""] or (len(bounds) == 3 and "" in bounds):
            raise _Unprintable  # `l[]`, or a step with an empty bound: not checked
        printed += "[" + ":".join(bounds) + "]"
    if at < len(tokens) and tokens[at].token_type == TokenType.DOT:
        raise _Unprintable
    return printed, at


def _duck_order_keys(tokens: list, at: int) -> tuple[str, int]:  # type: ignore[type-arg]
    """The keys of an ORDER BY inside a call, up to and past its closing parenthesis; DESC printed, and
    anything else than `key [DESC]` (ASC, NULLS ...) `_Unprintable`."""
    keys = []
    while True:
        key, at = _duck_tokens(tokens, at)
        if at < len(tokens) and tokens[at].token_type == TokenType.DESC:
            key, at = key + " DESC", at + 1
        keys.append(key)
        if at >= len(tokens):
            raise _Unprintable
        if tokens[at].token_type == TokenType.COMMA:
            at += 1
            continue
        if tokens[at].token_type == TokenType.R_PAREN:
            return ", ".join(keys), at + 1
        raise _Unprintable


def _duck_type(text: str | None) -> str:
    """A cast's target type as DuckDB prints it, read from the projection's text (sqlglot rewrites it)."""
    found = _CAST_TYPE.search(text or "")
    if found is None:
        raise _Unprintable
    written, parameters = found.group(1), found.group(2)
    word = written.lower()
    if word in _DUCK_CANONICAL:
        if parameters and word not in ("varchar", "decimal", "numeric"):
            raise _Unprintable
        numbers = re.findall(r"\d+", parameters or "")
        return _DUCK_CANONICAL[word] + (f"({', '.join(numbers)})" if numbers else "")
    if word in _DUCK_AS_WRITTEN and not parameters:
        return written
    raise _Unprintable


def _duckdb_name(projection: exp.Expression, text: str | None) -> Named:
    casts = sum(1 for c in projection.find_all(exp.Cast) if _typed_literal(c, text) is None)
    if casts > 1:
        return None, _NOT_PRINTED
    if casts and text is None:
        return None, _NOT_PRINTED
    if text is not None and text.count("+") != len(list(projection.find_all(exp.Add))):
        return None, _NOT_PRINTED  # a unary plus, which sqlglot drops and DuckDB prints
    try:
        return _duck(projection, text), None
    except _Unprintable:
        pass
    if text is None or casts:
        return None, _NOT_PRINTED
    try:
        return _duck_text(text), None
    except _Unprintable:
        return None, _NOT_PRINTED


# ---------------------------------------------------------------------------------------------- Postgres

# Postgres' internal names of cast target types, which name a cast of something unnamed (`1::int` is `int4`)
_PG_TYPE_NAMES = {
    exp.DataType.Type.INT: "int4", exp.DataType.Type.BIGINT: "int8", exp.DataType.Type.SMALLINT: "int2",
    exp.DataType.Type.TEXT: "text", exp.DataType.Type.VARCHAR: "varchar", exp.DataType.Type.DECIMAL: "numeric",
    exp.DataType.Type.BOOLEAN: "bool", exp.DataType.Type.DATE: "date", exp.DataType.Type.TIMESTAMP: "timestamp",
    exp.DataType.Type.TIMESTAMPTZ: "timestamptz", exp.DataType.Type.DOUBLE: "float8", exp.DataType.Type.FLOAT: "float4",
}
_PG_FUNCTIONS: dict[type[exp.Expression], str] = {
    exp.Sum: "sum", exp.Avg: "avg", exp.Min: "min", exp.Max: "max", exp.Count: "count", exp.Upper: "upper",
    exp.Lower: "lower", exp.Abs: "abs", exp.Round: "round", exp.Floor: "floor", exp.Coalesce: "coalesce",
    exp.Greatest: "greatest", exp.Least: "least", exp.Nullif: "nullif", exp.RowNumber: "row_number",
    exp.CurrentDate: "current_date", exp.CurrentTimestamp: "current_timestamp",
}


def _postgres(node: exp.Expression, text: str | None, redshift: bool) -> tuple[str, int] | None:
    """(name, strength) as Postgres' FigureColname gives it: 2 a real name, 1 a fallback, 0 none; None when not
    certain."""
    if isinstance(node, exp.Paren):
        return _postgres(node.this, text, redshift)
    if isinstance(node, exp.Column):
        return (node.name if node.this.args.get("quoted") else node.name.lower()), 2
    if isinstance(node, exp.Window):
        return _postgres(node.this, text, redshift)
    if isinstance(node, exp.Anonymous) and isinstance(node.this, str):
        return node.this.lower(), 2
    name = _PG_FUNCTIONS.get(type(node))
    if name is not None:
        if text is not None and not re.search(rf"\b{name}\b", text, re.IGNORECASE):
            return None  # written with another name sqlglot parses the same way
        return name, 2
    if isinstance(node, exp.Cast):
        inner = _postgres(node.this, text, redshift)
        if inner is None or inner[1] == 2:
            return inner
        type_name = _PG_TYPE_NAMES.get(node.to.this)
        if redshift or type_name is None:
            return None
        return type_name, 1
    if isinstance(node, exp.Case) and not redshift:
        default = node.args.get("default")
        inner = _postgres(default, text, redshift) if default is not None else ("case", 1)
        if inner is None:
            return None
        return inner if inner[1] == 2 else ("case", 1)
    if isinstance(node, (exp.Literal, exp.Boolean, exp.Null, exp.Binary, exp.Neg, exp.Not, exp.Is, exp.In, exp.Between)):
        return "?column?", 0
    if isinstance(node, exp.Func) and text is not None and not redshift:
        name = _leading_call(node, text, "postgres")
        if name is not None and name not in _PG_RENAMED:
            return name, 2
    return None


# Calls Postgres' grammar turns into another function (`trim` is `btrim`, `extract` is `date_part` before 14)
_PG_RENAMED = frozenset("trim extract normalize treat collation overlay".split())


def _leading_call(node: exp.Func, text: str, dialect: str) -> str | None:
    """The name of the call `text` starts with (after opening parentheses), lower-cased, when sqlglot reads that
    call as `node`'s function; else None."""
    found = re.match(r"[\s(]*([A-Za-z_][A-Za-z0-9_]*)\s*\(", text)
    if found is None or found.group(1).lower().startswith("xml"):
        return None
    depth, end, quoted = 0, None, False
    for index in range(found.end() - 1, len(text)):
        if text[index] == "'":
            quoted = not quoted
        if quoted:
            continue
        depth += {"(": 1, ")": -1}.get(text[index], 0)
        if depth == 0:
            end = index
            break
    if end is None or '"' in text[: end + 1]:
        return None
    try:
        parsed = sqlglot.parse_one(text[found.start(1) : end + 1], dialect)
    except SqlglotError:
        return None
    return found.group(1).lower() if type(parsed) is type(node) else None


# ---------------------------------------------------------------------------------------------- entry point


def name_unaliased(projection: exp.Expression, dialect: str, index: int, anonymous: int, text: str | None) -> Named:
    """The warehouse's name for the outer projection `projection` (the `index`-th, the `anonymous`-th without
    a name) written as `text` (None: not located), or None and why not."""
    if dialect == "duckdb":
        return _duckdb_name(projection, text)
    if dialect in ("postgres", "redshift"):
        found = _postgres(projection, text, dialect == "redshift")
        if found is None:
            return None, f"meshlint does not know what {dialect} names this expression"
        return found[0] if found[1] else "?column?", None
    if dialect == "snowflake":
        if text is None or not re.fullmatch(r"[^\s'\"`$]+", text) or "--" in text or "/*" in text or len(text) > 255:
            return None, "Snowflake names it by its text upper-cased, certain here only for text without spaces or quotes"
        return text.upper(), None
    if dialect == "bigquery":
        if isinstance(projection, exp.Paren):
            return None, _NOT_PRINTED
        return f"f{anonymous}_", None
    if dialect == "trino":
        return None, "Trino cannot create a table or view with a column written without an alias"
    if dialect in ("spark", "databricks", "spark2"):
        return None, "Spark names it by printing the expression, a name Delta tables refuse without column mapping"
    return None, f"meshlint does not know how {dialect} names an expression without an alias"


# ---------------------------------------------------------------------------------------------- projection texts

_END = {
    TokenType.FROM, TokenType.WHERE, TokenType.GROUP_BY, TokenType.HAVING, TokenType.QUALIFY, TokenType.WINDOW,
    TokenType.ORDER_BY, TokenType.LIMIT, TokenType.UNION, TokenType.EXCEPT, TokenType.INTERSECT,
    TokenType.SEMICOLON, TokenType.INTO,
}
_OPEN = {TokenType.L_PAREN, TokenType.L_BRACKET, TokenType.L_BRACE}
_CLOSE = {TokenType.R_PAREN, TokenType.R_BRACKET, TokenType.R_BRACE}


def projection_texts(sql: str, dialect: str) -> list[str] | None:
    """The text of each item of the outer query's (first) select list, as written; None when it cannot be cut.

    >>> projection_texts("with a as (select 1 as x) select sum(x), x::int as y from a", "duckdb")
    ['sum(x)', 'x::int as y']
    """
    from sqlglot.dialects.dialect import Dialect

    try:
        tokens = Dialect.get_or_raise(dialect).tokenize(sql)
    except Exception:  # noqa: BLE001 - sqlglot's tokenizer on text it already parsed; any failure means "not located"
        return None
    depth, start = 0, None
    for position, token in enumerate(tokens):
        if token.token_type in _OPEN:
            depth += 1
        elif token.token_type in _CLOSE:
            depth -= 1
        elif token.token_type == TokenType.SELECT and depth == 0:
            start = position + 1
            break
    if start is None:
        return None
    while start < len(tokens) and tokens[start].token_type in (TokenType.DISTINCT, TokenType.ALL):
        start += 1
    items: list[list[int]] = [[]]
    depth = 0
    for token in tokens[start:]:
        if depth == 0 and token.token_type in _END:
            break
        if token.token_type in _OPEN:
            depth += 1
        elif token.token_type in _CLOSE:
            depth -= 1
        if depth == 0 and token.token_type == TokenType.COMMA:
            items.append([])
            continue
        items[-1].append(token.start)
        items[-1].append(token.end)
    if not items[-1]:
        return None
    texts = [sql[min(item) : max(item) + 1] for item in items if item]
    if any("--" in t or "/*" in t for t in texts):
        return None
    return texts


class ItemTexts:
    """The written text of any select-list item of a query, found from the offsets sqlglot keeps on identifiers:
    the item (of any SELECT, inner ones too) whose span holds all of a projection's identifiers.

    >>> import sqlglot
    >>> sql = "with x as (select max(a), b from t) select * from x"
    >>> tree = sqlglot.parse_one(sql, "duckdb")
    >>> inner = tree.find(exp.CTE).this
    >>> ItemTexts(sql, "duckdb").text(inner.selects[0])
    'max(a)'
    """

    def __init__(self, sql: str, dialect: str) -> None:
        self._sql = sql
        self._dialect = dialect
        self._spans: list[tuple[int, int]] | None = None

    def text(self, projection: exp.Expression) -> str | None:
        offsets = [i.meta["start"] for i in projection.find_all(exp.Identifier) if "start" in i.meta]
        if not offsets:
            return None
        if self._spans is None:
            self._spans = _item_spans(self._sql, self._dialect)
        low, high = min(offsets), max(offsets)
        inside = [span for span in self._spans if span[0] <= low and high <= span[1]]
        if not inside:
            return None
        start, end = min(inside, key=lambda span: span[1] - span[0])
        text = self._sql[start : end + 1]
        return None if "--" in text or "/*" in text else text


def _item_spans(sql: str, dialect: str) -> list[tuple[int, int]]:
    from sqlglot.dialects.dialect import Dialect

    try:
        tokens = Dialect.get_or_raise(dialect).tokenize(sql)
    except Exception:  # noqa: BLE001 - text sqlglot already parsed; a failure here only means "not located"
        return []
    spans = []
    for position, token in enumerate(tokens):
        if token.token_type != TokenType.SELECT:
            continue
        at = position + 1
        while at < len(tokens) and tokens[at].token_type in (TokenType.DISTINCT, TokenType.ALL):
            at += 1
        depth, item = 0, []
        for token in tokens[at:]:
            if depth == 0 and (token.token_type in _END or token.token_type in _CLOSE):
                break
            if token.token_type in _OPEN:
                depth += 1
            elif token.token_type in _CLOSE:
                depth -= 1
            if depth == 0 and token.token_type == TokenType.COMMA:
                if item:
                    spans.append((min(item), max(item)))
                item = []
                continue
            item += [token.start, token.end]
        if item:
            spans.append((min(item), max(item)))
    return spans
