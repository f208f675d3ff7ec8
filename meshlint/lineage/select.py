"""`NODE[.COLUMN]` selectors and the part of the lineage graph they reach, upstream, downstream or both, as
the JSON document every output format renders (its schema: schema.json beside this file)."""

from __future__ import annotations

import difflib
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass

from meshlint import __version__
from meshlint.lineage.graph import ColumnEdge, Edge, LineageGraph, Node

SCHEMA_VERSION = 1
Direction = str  # "upstream", "downstream" or "both"


class SelectorError(Exception):
    """A selector that names nothing in the mesh (the message says what it could be)."""


@dataclass(frozen=True)
class Root:
    node: str
    column: str | None = None


def aliases(node: Node) -> list[str]:
    """The names a selector may use for a node: its unique id, `project.name`, `name` (a version adds `.vN`).

    >>> aliases(Node("model.analytics.fct_orders.v2", "model", "analytics", "fct_orders", version="2"))
    ['model.analytics.fct_orders.v2', 'analytics.fct_orders.v2', 'fct_orders.v2', 'analytics.fct_orders', 'fct_orders']
    """
    names = [node.id]
    if node.version is not None:
        names += [f"{node.project}.{node.name}.v{node.version}", f"{node.name}.v{node.version}"]
    names += [f"{node.project}.{node.name}", node.name]
    return names


def resolve(selector: str, graph: LineageGraph) -> list[Root]:
    """The nodes (or one column of each) a selector names; a versioned model's bare name names every version."""
    index: dict[str, list[str]] = {}
    for node in graph.nodes.values():
        for alias in aliases(node):
            index.setdefault(alias.lower(), []).append(node.id)
    found = index.get(selector.lower())
    if found:
        return [Root(uid) for uid in sorted(set(found))]
    prefix, dot, column = selector.rpartition(".")
    found = index.get(prefix.lower()) if dot else None
    if found:
        roots = []
        for uid in sorted(set(found)):
            match = next((c.name for c in graph.nodes[uid].columns if c.name.lower() == column.lower()), None)
            if match is not None:
                roots.append(Root(uid, match))
        if roots:
            return roots
        known = sorted({c.name for uid in found for c in graph.nodes[uid].columns})
        lowered = {c.lower(): c for c in known}
        hint = difflib.get_close_matches(column.lower(), list(lowered), 1)
        more = f"; did you mean `{prefix}.{lowered[hint[0]]}`?" if hint else f"; its columns: {', '.join(known) or 'none known'}"
        raise SelectorError(f"`{prefix}` has no column `{column}`{more}")
    hint = difflib.get_close_matches(selector.lower(), list(index), 1)
    raise SelectorError(f"no model, seed, snapshot or source `{selector}` in the mesh" + (f"; did you mean `{hint[0]}`?" if hint else ""))


def _walk(starts: Iterable[object], step, depth: int | None) -> dict[object, int]:
    """Breadth-first distances from `starts` along `step` (a function from an item to its neighbours)."""
    distance = {start: 0 for start in starts}
    queue = deque(distance)
    while queue:
        item = queue.popleft()
        if depth is not None and distance[item] >= depth:
            continue
        for neighbour in step(item):
            if neighbour not in distance:
                distance[neighbour] = distance[item] + 1
                queue.append(neighbour)
    return distance


def document(graph: LineageGraph, roots: list[Root], direction: Direction = "both", depth: int | None = None) -> dict[str, object]:
    """The lineage `roots` reach, as the JSON document of schema.json."""
    columns = all(r.column is not None for r in roots)
    distance: dict[str, int] = {}
    column_edges: list[ColumnEdge] = []
    reached_columns: set[tuple[str, str]] = set()
    if columns:
        up, down = _column_indexes(graph)
        starts = [(r.node, r.column.lower()) for r in roots if r.column is not None]
        for sign, index, wanted in ((-1, up, "upstream"), (1, down, "downstream")):
            if direction not in (wanted, "both"):
                continue
            reached = _walk(starts, lambda key: [_far(e, sign) for e in index.get(key, ()) if e.parent is not None], depth)
            for (uid, column), d in reached.items():
                reached_columns.add((uid, column))
                distance[uid] = _closer(distance.get(uid), sign * d)
            for key in reached:
                for edge in index.get(key, ()):  # type: ignore[call-overload]
                    if edge.parent is None and sign < 0:
                        column_edges.append(edge)
                    elif edge.parent is not None and _far(edge, sign) in reached:
                        column_edges.append(edge)
    else:
        starts = [r.node for r in roots]
        for sign, index, wanted in ((-1, graph.parents, "upstream"), (1, graph.children, "downstream")):
            if direction not in (wanted, "both"):
                continue
            far = (lambda e: e.parent) if sign < 0 else (lambda e: e.child)
            reached = _walk(starts, lambda uid: [far(e) for e in index.get(uid, ()) if far(e) is not None], depth)
            for uid, d in reached.items():
                distance[uid] = _closer(distance.get(uid), sign * d)
    for root in roots:
        distance[root.node] = 0
    edges = [
        e for e in graph.edges
        if e.child in distance and (e.parent in distance or (e.parent is None and not columns and direction != "downstream" and distance[e.child] <= 0))
        and (e.parent is None or _along(distance[e.parent], distance[e.child], direction))
    ]
    return {
        "schema_version": SCHEMA_VERSION,
        "meshlint_version": __version__,
        "level": "column" if columns else "model",
        "roots": [{"node": r.node, "column": r.column} for r in roots],
        "direction": direction,
        "depth": depth,
        "nodes": [
            node_document(graph.nodes[uid], distance[uid], {c for n, c in reached_columns if n == uid} if columns else None)
            for uid in sorted(distance, key=lambda u: (distance[u], u))
        ],
        "edges": [edge_document(e, graph) for e in edges],
        "column_edges": [column_edge_document(e) for e in sorted(set(column_edges), key=_column_order)],
    }


def _column_order(edge: ColumnEdge) -> tuple[str, str, str, str]:
    return (edge.child, edge.child_column, edge.parent or "", edge.parent_column or "")


def _along(parent: int, child: int, direction: Direction) -> bool:
    """A model edge between two reached nodes belongs to the walk (not a side link between branches)."""
    if direction == "upstream":
        return child <= 0 and parent < child
    if direction == "downstream":
        return parent >= 0 and child > parent
    return parent < child


def _closer(current: int | None, new: int) -> int:
    return new if current is None or abs(new) < abs(current) else current


def _far(edge: ColumnEdge, sign: int) -> tuple[str, str]:
    if sign < 0:
        return (edge.parent or "", (edge.parent_column or "").lower())
    return (edge.child, edge.child_column.lower())


def _column_indexes(graph: LineageGraph) -> tuple[dict[tuple[str, str], list[ColumnEdge]], dict[tuple[str, str], list[ColumnEdge]]]:
    up: dict[tuple[str, str], list[ColumnEdge]] = {}
    down: dict[tuple[str, str], list[ColumnEdge]] = {}
    for edge in graph.column_edges:
        up.setdefault((edge.child, edge.child_column.lower()), []).append(edge)
        if edge.parent is not None and edge.parent_column is not None:
            down.setdefault((edge.parent, edge.parent_column.lower()), []).append(edge)
    return up, down


def node_document(node: Node, distance: int, columns: set[str] | None = None) -> dict[str, object]:
    return {
        "id": node.id,
        "kind": node.kind,
        "project": node.project,
        "name": node.name,
        "version": node.version,
        "latest_version": node.latest_version,
        "access": node.access,
        "group": node.group,
        "contract": node.contract,
        "materialized": node.materialized,
        "deprecation_date": node.deprecation_date,
        "deprecated": node.deprecated,
        "external": node.external,
        "path": node.path,
        "distance": distance,
        "columns_closed": node.columns_closed,
        "open_reasons": list(node.open_reasons),
        "columns": [
            {"name": c.name, "type": c.type} for c in node.columns if columns is None or c.name.lower() in columns
        ],
        "findings": [
            {"code": f.code, "severity": f.severity, "message": f.message, "line": f.line, "column": f.column}
            for f in node.findings
        ],
    }


def edge_document(edge: Edge, graph: LineageGraph) -> dict[str, object]:
    parent = graph.nodes.get(edge.parent) if edge.parent is not None else None
    child = graph.nodes[edge.child]
    return {
        "from": edge.parent,
        "to": edge.child,
        "kind": edge.kind,
        "pinned_version": edge.pinned,
        # an unpinned ref to a versioned model follows its latest version
        "follows_latest": parent is not None and parent.version is not None and edge.pinned is None,
        "cross_project": parent is not None and parent.project != child.project,
        "reason": edge.reason,
    }


def column_edge_document(edge: ColumnEdge) -> dict[str, object]:
    return {
        "from": None if edge.parent is None else {"node": edge.parent, "column": edge.parent_column},
        "to": {"node": edge.child, "column": edge.child_column},
        "kind": "unknown" if edge.parent is None else "direct" if edge.direct else "derived",
        "reason": edge.reason,
    }
