"""DuckDB's star filters: `COLUMNS('regex')` (the FROM clause's columns whose name the regular expression
matches anywhere in, case-sensitively) and `* LIKE 'pattern'` / `* ILIKE` / `* NOT LIKE`. Each is replaced,
before qualifying, by the columns it selects, found by expanding `*` over the same FROM clause with sqlglot.

`COLUMNS(...)` also takes `*` with EXCLUDE and a lambda over the name (`COLUMNS(lambda c: c like '%_id')`,
of LIKE, ILIKE, =, <>, IN, NOT, AND and OR on literals). Inside an expression without an alias
(`min(COLUMNS('_at$'))`), DuckDB repeats the expression once per matching column and names each copy after its
column (checked on DuckDB 2.0.1): the expression is copied so, each copy aliased with the column's name. With an
alias, every copy takes the alias: closed only when one column matches.

Left as they are (and so open): a pattern using regular expression syntax Python and DuckDB's RE2 may read
differently, another lambda, an expression holding two different COLUMNS(...), a FROM clause whose columns are
not all known, and a filter that selects nothing (DuckDB's error). `expand_star_filters` gives the reason for
those that would otherwise be named wrong (an expression with an alias).

>>> import sqlglot
>>> from sqlglot.schema import MappingSchema
>>> tree = sqlglot.parse_one("select id, columns('^a') from t", "duckdb")
>>> expand_star_filters(tree, MappingSchema({"t": {"id": "int", "amount": "int", "cat": "int"}}, dialect="duckdb"))
[]
>>> tree.sql("duckdb")
'SELECT id, t.amount FROM t'
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from sqlglot import exp
from sqlglot.errors import SqlglotError
from sqlglot.optimizer.qualify import qualify
from sqlglot.schema import Schema
from sqlglot.tokens import TokenType

__all__ = ["columns_predicate", "expand_star_filters", "has_star_filter", "mark_written_lambdas", "source_columns"]

_UNSURE_REGEX = re.compile(r"\(\?|\\[pPkKgQE]|\[\[:|\{,")
MORE = "meshlint__more"


def has_star_filter(text: str) -> bool:
    lowered = text.lower()
    return "columns" in lowered or "like" in lowered


def _matcher(projection: exp.Expression) -> tuple[bool, object] | None:
    """(keep-when-matched, predicate on a name) for a star filter projection, else None."""
    negate = False
    node = projection
    if isinstance(node, exp.Not) and isinstance(node.this, (exp.Like, exp.ILike)):
        negate, node = True, node.this
    if isinstance(node, exp.Columns):
        predicate = columns_predicate(node)
        return None if predicate is None else (True, predicate)
    if isinstance(node, (exp.Like, exp.ILike)) and isinstance(node.this, exp.Star) and not node.args.get("escape"):
        literal = node.expression
        if not (isinstance(literal, exp.Literal) and literal.is_string):
            return None
        compiled = _like(literal.this, isinstance(node, exp.ILike))
        if compiled is None:
            return None
        return (not (negate or node.args.get("negate")), lambda name: compiled.fullmatch(name) is not None)
    return None


class _Unsure(Exception):
    pass


def _like(pattern: str, insensitive: bool) -> re.Pattern[str] | None:
    if "\\" in pattern:
        return None
    regex = "".join(".*" if c == "%" else "." if c == "_" else re.escape(c) for c in pattern)
    return re.compile(regex, re.IGNORECASE | re.DOTALL if insensitive else re.DOTALL)


def _lambda_value(node: exp.Expression, parameter: str, name: str) -> object:
    """The value of a lambda's body for the column name `name`; `_Unsure` for what is not modelled."""
    if isinstance(node, exp.Paren):
        return _lambda_value(node.this, parameter, name)
    if isinstance(node, (exp.Identifier, exp.Column)) and not (isinstance(node, exp.Column) and node.table):
        if node.name != parameter:
            raise _Unsure
        return name
    if isinstance(node, exp.Literal) and node.is_string:
        return node.this
    if isinstance(node, (exp.Like, exp.ILike)) and not node.args.get("escape"):
        value, pattern = _lambda_value(node.this, parameter, name), _lambda_value(node.expression, parameter, name)
        if not isinstance(value, str) or not isinstance(pattern, str):
            raise _Unsure
        compiled = _like(pattern, isinstance(node, exp.ILike))
        if compiled is None:
            raise _Unsure
        return (compiled.fullmatch(value) is not None) != bool(node.args.get("negate"))
    if isinstance(node, (exp.EQ, exp.NEQ)):
        left, right = _lambda_value(node.this, parameter, name), _lambda_value(node.expression, parameter, name)
        if not isinstance(left, str) or not isinstance(right, str):
            raise _Unsure
        return (left == right) == isinstance(node, exp.EQ)
    if isinstance(node, exp.In) and not node.args.get("query") and not node.args.get("unnest"):
        value = _lambda_value(node.this, parameter, name)
        options = [_lambda_value(e, parameter, name) for e in node.expressions]
        if not isinstance(value, str) or not all(isinstance(o, str) for o in options):
            raise _Unsure
        return value in options
    if isinstance(node, exp.Not):
        inner = _lambda_value(node.this, parameter, name)
        if not isinstance(inner, bool):
            raise _Unsure
        return not inner
    if isinstance(node, (exp.And, exp.Or)):
        left, right = _lambda_value(node.this, parameter, name), _lambda_value(node.expression, parameter, name)
        if not isinstance(left, bool) or not isinstance(right, bool):
            raise _Unsure
        return (left and right) if isinstance(node, exp.And) else (left or right)
    raise _Unsure


def columns_predicate(node: exp.Columns) -> object | None:
    """The predicate on a column name of a `COLUMNS(...)`, None when it is not modelled. A lambda is modelled
    only as written with the `lambda` keyword (`written_lambdas`): DuckDB 2 refuses the arrow form `c -> ...`
    unless a setting allows it, and sqlglot parses both alike."""
    argument = node.this
    if isinstance(argument, exp.Star):
        if argument.args.get("replace") or argument.args.get("rename"):
            return None
        excluded = argument.args.get("except_") or []
        if not all(isinstance(e, exp.Column) and not e.table for e in excluded):
            return None
        names = {e.name.lower() for e in excluded}
        return lambda name: name.lower() not in names  # COLUMNS(*), COLUMNS(* EXCLUDE (...))
    if isinstance(argument, exp.Literal) and argument.is_string:
        pattern = argument.this
        if _UNSURE_REGEX.search(pattern):
            return None
        try:
            compiled = re.compile(pattern)
        except re.error:
            return None
        return lambda name: compiled.search(name) is not None
    if isinstance(argument, exp.Lambda) and len(argument.expressions) == 1 and argument.meta.get(_WRITTEN):
        parameter, body = argument.expressions[0].name, argument.this

        def predicate(name: str) -> bool:
            value = _lambda_value(body, parameter, name)
            if not isinstance(value, bool):
                raise _Unsure
            return value

        try:
            predicate("x")  # a body of another shape fails on any name
        except _Unsure:
            return None
        return predicate
    return None


_WRITTEN = "meshlint_lambda_keyword"


def _lambda_words(text: str) -> int:
    """How many `lambda` keywords the SQL has (comments and strings apart); -1 when it has an arrow `->`."""
    from sqlglot.dialects.dialect import Dialect

    try:
        tokens = Dialect.get_or_raise("duckdb").tokenize(text)
    except Exception:  # noqa: BLE001 - text sqlglot already parsed; a failure only means "not known"
        return -1
    if any(t.token_type == TokenType.ARROW for t in tokens):
        return -1
    return sum(1 for t in tokens if t.token_type != TokenType.STRING and t.text.lower() == "lambda")


ARROW_LAMBDA = "COLUMNS() with a lambda written `c -> ...`: DuckDB 2 refuses that form unless `lambda_syntax` allows it"


def mark_written_lambdas(tree: exp.Expression, text: str | None) -> str | None:
    """Mark the lambdas of `tree` as written with the `lambda` keyword, when the text (`text`) shows that every
    one of them is (as many `lambda` words as lambdas; an arrow lambda anywhere leaves them all unmarked).
    Returns why the columns stay open when a COLUMNS() has an unmarked lambda."""
    lambdas = list(tree.find_all(exp.Lambda))
    if lambdas and text is not None and _lambda_words(text) == len(lambdas):
        for node in lambdas:
            node.meta[_WRITTEN] = True
        return None
    if any(isinstance(node.parent, exp.Columns) for node in lambdas):
        return ARROW_LAMBDA
    return None


ALIASED_COLUMNS = "COLUMNS(...) in an expression with an alias: DuckDB gives every matching column that name"
MIXED_COLUMNS = "COLUMNS(...) in an expression: meshlint cannot list the columns it repeats the expression for"


def _in_expression(projection: exp.Expression) -> list[exp.Columns]:
    if isinstance(projection, exp.Columns) or projection.find(exp.Select) is not None:
        return []
    return list(projection.find_all(exp.Columns))


def _expand_expression(
    projection: exp.Expression, columns: list[exp.Column] | None, spelled: Mapping[str, str | None] | None
) -> list[exp.Expression] | str:
    """The copies of a projection holding COLUMNS(...) that DuckDB selects, or why it stays open."""
    nodes = _in_expression(projection)
    aliased = isinstance(projection, exp.Alias)
    if columns is None or spelled is not None or len({n.sql("duckdb") for n in nodes}) != 1:  # a name not lower case
        return ALIASED_COLUMNS if aliased else MIXED_COLUMNS
    predicate = columns_predicate(nodes[0])
    names = [c.name for c in columns]
    if predicate is None:
        return ALIASED_COLUMNS if aliased else MIXED_COLUMNS
    try:
        chosen = [(c, n) for c, n in zip(columns, names) if predicate(n)]  # type: ignore[operator]
    except _Unsure:
        return ALIASED_COLUMNS if aliased else MIXED_COLUMNS
    if not chosen or (aliased and len(chosen) != 1) or (not aliased and any(str(n) != str(n).lower() for _, n in chosen)):
        return ALIASED_COLUMNS if aliased else MIXED_COLUMNS
    copies = []
    for column, name in chosen:
        copy = projection.copy()
        for node in _in_expression(copy):
            node.replace(column.copy())
        copies.append(copy if aliased else exp.alias_(copy, exp.to_identifier(str(name))))
    return copies


def expand_star_filters(
    tree: exp.Expression, schema: Schema, spellings: dict[str, str | None] | None = None
) -> list[str]:
    """Replace, in place, each star filter of `tree`'s selects whose columns are certain. `spellings`: a column
    name as sqlglot normalises it -> as defined (None when two definitions differ), where some is not lower case.
    Returns why a COLUMNS(...) inside an expression stays open, for those that would otherwise be named wrong."""
    spelled = spellings or {}
    root_with = tree.args.get("with_")
    reasons: list[str] = []
    for select in list(tree.find_all(exp.Select)):
        inside = [i for i, p in enumerate(select.expressions) if _in_expression(p)]
        found = [(i, _matcher(p)) for i, p in enumerate(select.expressions)]
        found = [(i, m) for i, m in found if m is not None]
        if not found and not inside:
            continue
        columns = _star_columns(select, root_with, schema)
        if inside:
            expressions = list(select.expressions)
            for index in reversed(inside):
                copies = _expand_expression(expressions[index], columns, spellings)
                if isinstance(copies, str):
                    reasons.append(copies)
                else:
                    expressions[index : index + 1] = copies
            select.set("expressions", expressions)
            found = [(i, _matcher(p)) for i, p in enumerate(select.expressions)]
            found = [(i, m) for i, m in found if m is not None]
        if columns is None or not found:
            continue
        expressions = list(select.expressions)
        for index, (keep, predicate) in reversed(found):
            names = [spelled.get(c.name, c.name) for c in columns]
            if None in names:
                continue
            chosen = [c.copy() for c, n in zip(columns, names) if bool(predicate(n)) == keep]  # type: ignore[operator]
            if not chosen:
                continue  # DuckDB fails: leave it, and the model open
            expressions[index : index + 1] = chosen
        select.set("expressions", expressions)
    return reasons


def _star_columns(select: exp.Select, root_with: exp.Expression | None, schema: Schema) -> list[exp.Column] | None:
    probe = select.copy()
    probe.set("expressions", [exp.Star()])
    for key in ("group", "having", "qualify", "order", "limit", "offset", "windows", "distinct"):
        probe.set(key, None)
    if probe.args.get("with_") is None and root_with is not None and select is not root_with:
        probe.set("with_", root_with.copy())
    try:
        qualified = qualify(probe, schema=schema, dialect="duckdb", validate_qualify_columns=False, quote_identifiers=False)
    except (SqlglotError, KeyError, ValueError, TypeError, AttributeError, RecursionError):
        return None
    columns = []
    for projection in qualified.selects:
        inner = projection.unalias()
        if not isinstance(inner, exp.Column) or inner.is_star or inner.name.lower() == MORE:
            return None
        columns.append(inner)
    return columns


def source_columns(source: exp.Expression, root_with: exp.Expression | None, schema: Schema) -> list[str] | None:
    """The column names `select *` over the FROM item `source` gives, None when not all are known. A star filter
    in the source's own select list (`(select k, columns('_rate$') from t)`) is expanded first, as DuckDB does."""
    probe = exp.select("*").from_(source.copy() if not isinstance(source, exp.Select) else exp.Subquery(this=source.copy()))
    if any(_matcher(p) is not None or _in_expression(p) for s in probe.find_all(exp.Select) for p in s.expressions):
        if expand_star_filters(probe, schema) or any(_matcher(p) is not None for s in probe.find_all(exp.Select) for p in s.expressions):
            return None  # a filter left unexpanded: its columns are not certain
    columns = _star_columns(probe, root_with, schema)
    return None if columns is None else [c.name for c in columns]
