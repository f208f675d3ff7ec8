"""Named windows (`sum(x) OVER w ... WINDOW w AS (PARTITION BY ...)`): DuckDB names an unaliased window
function over a named window by printing it with the window's definition written out (`OVER w` and `OVER (w)`
print as `OVER (PARTITION BY b ORDER BY a)`; checked on DuckDB 2.0.1, tests/oracle/test_duckdb_fixed_rules.py).
The definition is copied into each such OVER before the expression is named: the same query, so names and types
follow as for a window written in place.

Left as they are (and so an unaliased one open): an OVER that adds to the named window (`OVER (w ORDER BY x)`,
`OVER (w ROWS ...)`), a definition built on another named window, and any query whose text has a window
spelling sqlglot does not keep (ASC, NULLS, IGNORE/RESPECT NULLS, EXCLUDE).

>>> import sqlglot
>>> sql = "select sum(a) over w from t window w as (partition by b order by a)"
>>> tree = sqlglot.parse_one(sql, "duckdb")
>>> inline_named_windows(tree, sql)
True
>>> tree.selects[0].sql("duckdb")
'SUM(a) OVER (PARTITION BY b ORDER BY a)'
"""

from __future__ import annotations

import re

from sqlglot import exp

__all__ = ["inline_named_windows"]

_UNKEPT = re.compile(r"\b(asc|nulls|ignore|respect|exclude)\b", re.IGNORECASE)
_OWN = ("partition_by", "order", "spec")


def inline_named_windows(tree: exp.Expression, text: str | None) -> bool:
    """Write each named window's definition into the OVER clauses that only name it; True when one was."""
    if text is None or _UNKEPT.search(text):
        return False
    inlined = False
    for select in list(tree.find_all(exp.Select)):
        definitions: dict[str, exp.Window] = {}
        for window in select.args.get("windows") or []:
            if isinstance(window, exp.Window) and isinstance(window.this, exp.Identifier) and not window.args.get("alias"):
                definitions[window.this.name.lower()] = window
        if not definitions:
            continue
        for projection in select.expressions:
            for node in list(projection.find_all(exp.Window)):
                if node.find_ancestor(exp.Select) is not select:
                    continue  # a window of a subquery inside the projection
                alias = node.args.get("alias")
                if not isinstance(alias, exp.Identifier) or any(node.args.get(key) for key in _OWN):
                    continue
                definition = definitions.get(alias.name.lower())
                if definition is None:
                    continue
                for key in _OWN:
                    value = definition.args.get(key)
                    node.set(key, [v.copy() for v in value] if isinstance(value, list) else value.copy() if value else None)
                node.set("alias", None)
                inlined = True
    return inlined
