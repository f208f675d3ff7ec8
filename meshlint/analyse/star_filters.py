"""DuckDB's star filters: `COLUMNS('regex')` (the FROM clause's columns whose name the regular expression
matches anywhere in, case-sensitively) and `* LIKE 'pattern'` / `* ILIKE` / `* NOT LIKE`. Each is replaced,
before qualifying, by the columns it selects, found by expanding `*` over the same FROM clause with sqlglot.

Left as they are (and so open): a filter inside an expression or with an alias, a pattern using regular
expression syntax Python and DuckDB's RE2 may read differently, a FROM clause whose columns are not all known,
and a filter that selects nothing (DuckDB's error).

>>> import sqlglot
>>> from sqlglot.schema import MappingSchema
>>> tree = sqlglot.parse_one("select id, columns('^a') from t", "duckdb")
>>> expand_star_filters(tree, MappingSchema({"t": {"id": "int", "amount": "int", "cat": "int"}}, dialect="duckdb"))
>>> tree.sql("duckdb")
'SELECT id, t.amount FROM t'
"""

from __future__ import annotations

import re

from sqlglot import exp
from sqlglot.errors import SqlglotError
from sqlglot.optimizer.qualify import qualify
from sqlglot.schema import Schema

__all__ = ["expand_star_filters", "has_star_filter"]

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
    if isinstance(node, exp.Columns) and isinstance(node.this, exp.Star) and not node.this.args.get("except_"):
        return (True, lambda name: True)  # COLUMNS(*)
    if isinstance(node, exp.Columns) and isinstance(node.this, exp.Literal) and node.this.is_string:
        pattern = node.this.this
        if _UNSURE_REGEX.search(pattern):
            return None
        try:
            compiled = re.compile(pattern)
        except re.error:
            return None
        return (True, lambda name: compiled.search(name) is not None)
    if isinstance(node, (exp.Like, exp.ILike)) and isinstance(node.this, exp.Star) and not node.args.get("escape"):
        literal = node.expression
        if not (isinstance(literal, exp.Literal) and literal.is_string) or "\\" in literal.this:
            return None
        regex = "".join(".*" if c == "%" else "." if c == "_" else re.escape(c) for c in literal.this)
        flags = re.IGNORECASE | re.DOTALL if isinstance(node, exp.ILike) else re.DOTALL
        compiled = re.compile(regex, flags)
        return (not (negate or node.args.get("negate")), lambda name: compiled.fullmatch(name) is not None)
    return None


def expand_star_filters(tree: exp.Expression, schema: Schema, spellings: dict[str, str | None] | None = None) -> None:
    """Replace, in place, each star filter of `tree`'s selects whose columns are certain. `spellings`: a column
    name as sqlglot normalises it -> as defined (None when two definitions differ), where some is not lower case."""
    spelled = spellings or {}
    root_with = tree.args.get("with_")
    for select in list(tree.find_all(exp.Select)):
        found = [(i, _matcher(p)) for i, p in enumerate(select.expressions)]
        found = [(i, m) for i, m in found if m is not None]
        if not found:
            continue
        columns = _star_columns(select, root_with, schema)
        if columns is None:
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
