"""`meshlint explore`: the lineage graph as one self-contained HTML page (no network: the data, script and
styles are inline), written by meshlint's own small script in assets/ (no bundled library).

The page data is compact (nodes by index, column references by index into the parent's columns), so that a
mesh of 5,000 models stays a few megabytes that the browser parses in a fraction of a second; the page draws
only what is on screen (a virtual list, and the neighbourhood of the selected model)."""

from __future__ import annotations

import datetime
import json
from importlib import resources

from meshlint import __version__
from meshlint.lineage.graph import LineageGraph

KINDS = {"ref": 0, "source": 1, "unknown": 2}


def page_data(graph: LineageGraph, today: datetime.date) -> dict[str, object]:
    """The graph as the page reads it (keys kept short: they repeat 5,000 times).

    Each node: i id, k kind, p project index, n name, v version, lv latest version, a access, g group,
    c contract enforced, m materialized, d deprecation date, dp deprecated, x external, f path, cc every column
    known, o open reasons, cols [[name, type]], fi findings [[code, severity, message, line, column]].
    `edges`: [parent index (-1: unknown), child index, kind (0 ref, 1 source, 2 unknown), pinned version, reason index].
    `lin`: per node, its columns' origins: [column index, parent index (-1: unknown), parent column (its index in the
    parent's columns, or its name when the parent does not list it), 0 direct / 1 derived / 2 unknown, reason index].
    """
    ids = list(graph.nodes)
    index = {uid: n for n, uid in enumerate(ids)}
    projects = sorted({node.project for node in graph.nodes.values()})
    project_index = {name: n for n, name in enumerate(projects)}
    reasons: dict[str, int] = {}

    def reason(text: str | None) -> int:
        if text is None:
            return -1
        return reasons.setdefault(text, len(reasons))

    column_index = {uid: {c.name.lower(): n for n, c in enumerate(node.columns)} for uid, node in graph.nodes.items()}
    nodes = []
    for node in graph.nodes.values():
        nodes.append({
            "i": node.id, "k": node.kind, "p": project_index[node.project], "n": node.name, "v": node.version,
            "lv": node.latest_version, "a": node.access, "g": node.group, "c": int(node.contract),
            "m": node.materialized, "d": node.deprecation_date[:10] if node.deprecation_date else None,
            "dp": int(node.deprecated), "x": int(node.external), "f": node.path, "cc": int(node.columns_closed),
            "o": list(node.open_reasons), "cols": [[c.name, c.type] for c in node.columns],
            "fi": [[f.code, f.severity, f.message, f.line, f.column] for f in node.findings],
        })
    edges = [
        [index[e.parent] if e.parent is not None else -1, index[e.child], KINDS[e.kind], e.pinned, reason(e.reason)]
        for e in graph.edges
    ]
    lineage: list[list[list[object]]] = [[] for _ in ids]
    for e in graph.column_edges:
        child_column = column_index[e.child].get(e.child_column.lower())
        if child_column is None:
            continue
        if e.parent is None or e.parent_column is None:
            lineage[index[e.child]].append([child_column, -1, None, 2, reason(e.reason)])
            continue
        parent_column: object = column_index[e.parent].get(e.parent_column.lower(), e.parent_column)
        lineage[index[e.child]].append([child_column, index[e.parent], parent_column, 0 if e.direct else 1, reason(e.reason)])
    return {
        "meshlint_version": __version__,
        "today": today.isoformat(),
        "projects": projects,
        "nodes": nodes,
        "edges": edges,
        "lin": lineage,
        "reasons": list(reasons),
    }


def _asset(name: str) -> str:
    return resources.files("meshlint.lineage").joinpath("assets", name).read_text(encoding="utf-8")


def render_page(graph: LineageGraph, today: datetime.date) -> str:
    """The whole page: template + styles + script + data, all inline."""
    data = json.dumps(page_data(graph, today), separators=(",", ":"), ensure_ascii=False)
    # Inside <script>, `</script>` or `<!--` in a name would end or confuse the element: write `<` escaped.
    data = data.replace("<", "\\u003c")
    page = _asset("explorer.html")
    for marker, value in (
        ("/*STYLE*/", _asset("explorer.css")),
        ("/*SCRIPT*/", _asset("explorer.js")),
        ("/*DATA*/", data),
        ("<!--VERSION-->", __version__),
    ):
        page = page.replace(marker, value, 1)
    return page
