"""A struct's fields as columns inside a CTE or subquery: `s.*` (struct_stars.py) and `unnest(s)` of a STRUCT
(unnest_structs.py) in an inner select list. Their fields are known only once types are annotated, but sqlglot
must see them as columns before qualifying (an outer `select *` over the CTE reads them). So, when the first
pass leaves the model open and such an inner struct is typed, the query as written is rewritten with one
projection per field (`s.a AS a, s.b AS b`, the same names and types DuckDB gives: it ignores an unnest's alias)
and inferred again; the second pass's result is kept only when it is closed.

Not rewritten (and so open, as before): a struct whose type is not known, a struct star with EXCLUDE/REPLACE,
an unnest with options, and any query where the inner struct stars or unnests of the two passes do not pair up
one to one.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlglot import exp
from sqlglot.errors import SqlglotError
from sqlglot.optimizer.scope import traverse_scope

from meshlint.analyse.struct_stars import struct_star_columns
from meshlint.analyse.tree_index import TreeIndex, nodes_of
from meshlint.analyse.unnest_structs import struct_fields

__all__ = ["EXPANDED", "expand_inner_structs", "may_have_inner_structs"]

EXPANDED = "meshlint_structs_expanded"  # meta key of a rewritten tree: never rewritten twice


def _is_unnest(projection: exp.Expression) -> bool:
    inner = projection.unalias()
    return isinstance(inner, (exp.Explode, exp.Unnest))


def may_have_inner_structs(tree: exp.Expression, index: TreeIndex | None = None) -> bool:
    """Before qualifying: whether a select other than the outer one has a star qualified by a name that is no
    table, alias or CTE of the query (a struct star), or an unnest in its select list.

    >>> import sqlglot
    >>> may_have_inner_structs(sqlglot.parse_one("select * from (select a.* from t as a)", read="duckdb"))
    False
    >>> may_have_inner_structs(sqlglot.parse_one("select * from (select s.* from t as a)", read="duckdb"))
    True
    >>> may_have_inner_structs(sqlglot.parse_one("select * from (select unnest(l) from t)", read="duckdb"))
    True
    """
    qualifiers: list[str] = []
    for select in nodes_of(tree, index, exp.Select):
        if select is tree:
            continue
        for projection in select.expressions:
            if _is_unnest(projection):
                return True
            if isinstance(projection, exp.Column) and projection.is_star and projection.args.get("table") is not None:
                qualifiers.append(projection.table.lower())
    if not qualifiers:
        return False
    names = {t.alias_or_name.lower() for t in nodes_of(tree, index, exp.Table)}
    names |= {a.name.lower() for a in nodes_of(tree, index, exp.TableAlias)}
    return any(q not in names for q in qualifiers)


def _select_unnests(tree: exp.Expression) -> list[exp.Expression]:
    return [p for select in tree.find_all(exp.Select) for p in select.expressions if _is_unnest(p)]


def _struct_stars(tree: exp.Expression) -> list[exp.Column] | None:
    """The written `s.*` of `tree` whose qualifier is no source of its scope, in tree order."""
    try:
        scopes = traverse_scope(tree)
    except (SqlglotError, KeyError, ValueError, TypeError, AttributeError, RecursionError):
        return None
    found: set[int] = set()
    for scope in scopes:
        if not isinstance(scope.expression, exp.Select):
            continue
        sources = {name.lower() for name in scope.sources}
        for projection in scope.expression.expressions:
            if isinstance(projection, exp.Column) and projection.is_star and projection.args.get("table") is not None:
                if projection.args.get("db") is None and projection.table.lower() not in sources:
                    found.add(id(projection))
    return [c for c in tree.find_all(exp.Column) if id(c) in found]


def _replace(node: exp.Expression, replacements: list[exp.Expression]) -> bool:
    select = node.parent
    if not isinstance(select, exp.Select):
        return False
    expressions = list(select.expressions)
    index = next((i for i, e in enumerate(expressions) if e is node), None)
    if index is None:
        return False
    expressions[index : index + 1] = replacements
    select.set("expressions", expressions)
    return True


def _field(value: exp.Expression, name: str) -> exp.Expression:
    return exp.alias_(exp.Dot(this=value.copy(), expression=exp.to_identifier(name)), exp.to_identifier(name))


def expand_inner_structs(
    written: exp.Expression, annotated: exp.Expression, infer: Callable[[exp.Expression], object]
) -> object | None:
    """`infer` of `written` (the query as parsed, untouched) with its struct stars and struct unnests spelled
    out by field, as typed in `annotated` (the first pass); None when nothing could be rewritten."""
    if written.meta.get(EXPANDED):
        return None
    rewritten = written.copy()
    rewritten.meta.update(written.meta)
    rewritten.meta[EXPANDED] = True
    changed = False
    stars = _struct_stars(rewritten)
    dots = [d for d in annotated.find_all(exp.Dot) if isinstance(d.expression, exp.Star)]
    if stars and stars is not None and len(stars) == len(dots):
        for star, dot in zip(stars, dots):
            fields = struct_star_columns(dot, False, False)
            if isinstance(fields, str):
                continue
            struct = exp.Column(this=star.args["table"].copy())
            changed = _replace(star, [_field(struct, name) for name, _ in fields]) or changed
    unnests, typed = _select_unnests(rewritten), _select_unnests(annotated)
    if unnests and len(unnests) == len(typed):
        for projection, annotated_projection in zip(unnests, typed):
            fields = struct_fields(annotated_projection)
            if not isinstance(fields, list):
                continue
            value = projection.unalias().this
            if not isinstance(value, exp.Expression):
                continue
            changed = _replace(projection, [_field(value, name) for name, _ in fields]) or changed
    return infer(rewritten) if changed else None
