"""`meshlint lineage --format text`: the lineage document as indented trees, upstream then downstream,
each node with its status."""

from __future__ import annotations

from collections.abc import Callable, Mapping

Doc = Mapping[str, object]


def status(node: Mapping[str, object]) -> str:
    """A node's status in a few words: project, access, contract, version, deprecation, findings.

    >>> status({"kind": "model", "project": "analytics", "access": "public", "contract": True, "version": "1",
    ...         "latest_version": "2", "deprecation_date": "2024-06-30T00:00:00+00:00", "deprecated": True,
    ...         "columns_closed": True, "external": False, "findings": [{"severity": "warning"}]})
    'analytics · public · contract enforced · v1 (latest v2) · deprecated 2024-06-30 · 1 warning'
    """
    parts = [str(node["project"])]
    if node["kind"] != "model":
        parts.append(str(node["kind"]))
    if node.get("access"):
        parts.append(str(node["access"]))
    if node["kind"] in ("model", "snapshot"):
        parts.append("contract enforced" if node["contract"] else "no contract")
    if node.get("version") is not None:
        latest = node.get("latest_version")
        parts.append(f"v{node['version']}" + (" (latest)" if latest == node["version"] else f" (latest v{latest})" if latest else ""))
    if node.get("deprecation_date"):
        word = "deprecated" if node["deprecated"] else "deprecation"
        parts.append(f"{word} {str(node['deprecation_date'])[:10]}")
    if node.get("external"):
        parts.append("published metadata")
    if not node["columns_closed"] and node["kind"] != "source":
        parts.append("columns open")
    counts: dict[str, int] = {}
    for finding in node["findings"]:  # type: ignore[attr-defined]
        counts[finding["severity"]] = counts.get(finding["severity"], 0) + 1
    parts += [f"{n} {severity}{'s' if n > 1 else ''}" for severity in ("error", "warning", "info") if (n := counts.get(severity))]
    return " · ".join(parts)


def label(node: Mapping[str, object]) -> str:
    version = f" v{node['version']}" if node.get("version") is not None else ""
    return f"{node['project']}.{node['name']}{version}"


def edge_note(edge: Mapping[str, object], nodes: Mapping[str, Mapping[str, object]]) -> str:
    notes = []
    if edge.get("pinned_version") is not None:
        notes.append(f"pins v{edge['pinned_version']}")
    elif edge.get("follows_latest"):
        notes.append("unpinned: follows the latest version")
    if edge.get("cross_project"):
        notes.append("cross-project")
    if edge.get("reason"):
        notes.append(str(edge["reason"]))
    return f"  ({', '.join(notes)})" if notes else ""


def render(doc: Doc) -> str:
    nodes = {n["id"]: n for n in doc["nodes"]}  # type: ignore[attr-defined, index]
    lines: list[str] = []
    if doc["level"] == "model":
        edges = list(doc["edges"])  # type: ignore[call-overload]
        for root in doc["roots"]:  # type: ignore[attr-defined]
            node = nodes[root["node"]]
            lines.append(f"{label(node)}  [{status(node)}]")
            for direction, near, far in (("upstream", "to", "from"), ("downstream", "from", "to")):
                if doc["direction"] not in (direction, "both"):
                    continue
                lines.append(f"  {direction}:")
                by_near: dict[object, list[Mapping[str, object]]] = {}
                for edge in edges:
                    by_near.setdefault(edge[near], []).append(edge)

                def describe(edge: Mapping[str, object], far: str = far) -> tuple[object, str]:
                    if edge[far] is None:
                        return None, f"? unknown{edge_note(edge, nodes)}"
                    other = nodes[edge[far]]
                    return edge[far], f"{label(other)}  [{status(other)}]{edge_note(edge, nodes)}"

                _tree(lines, root["node"], lambda key: by_near.get(key, []), describe, "<-" if direction == "upstream" else "->")
    else:
        edges = list(doc["column_edges"])  # type: ignore[call-overload]
        for root in doc["roots"]:  # type: ignore[attr-defined]
            node = nodes[root["node"]]
            column = next((c for c in node["columns"] if c["name"] == root["column"]), {"type": None})
            lines.append(f"{label(node)}.{root['column']} ({column['type'] or 'type unknown'})  [{status(node)}]")
            for direction, near, far in (("upstream", "to", "from"), ("downstream", "from", "to")):
                if doc["direction"] not in (direction, "both"):
                    continue
                lines.append(f"  {direction}:")
                by_near = {}
                for edge in edges:
                    if edge[near] is not None:
                        by_near.setdefault((edge[near]["node"], edge[near]["column"].lower()), []).append(edge)

                def describe_column(edge: Mapping[str, object], far: str = far) -> tuple[object, str]:
                    end = edge[far]
                    if end is None:
                        return None, f"? unknown  ({edge['reason']})"
                    other = nodes[end["node"]]  # type: ignore[index]
                    kind = str(edge["kind"])
                    cross = ", cross-project" if other["project"] != nodes[edge[near]["node"]]["project"] else ""  # type: ignore[index]
                    typed = next((c["type"] for c in other["columns"] if c["name"] == end["column"]), None)  # type: ignore[index]
                    return (end["node"], end["column"].lower()), (  # type: ignore[index]
                        f"{label(other)}.{end['column']} ({typed or 'type unknown'})  ({kind}{cross})  [{status(other)}]"  # type: ignore[index]
                    )

                _tree(lines, (root["node"], root["column"].lower()), lambda key: by_near.get(key, []), describe_column,
                      "<-" if direction == "upstream" else "->")
    return "\n".join(lines) + "\n"


def _tree(
    lines: list[str],
    start: object,
    edges_of: Callable[[object], list[Mapping[str, object]]],
    describe: Callable[[Mapping[str, object]], tuple[object, str]],
    arrow: str,
) -> None:
    """Indented lines from `start`, each node's subtree written once (later mentions say so)."""
    shown: set[object] = set()
    empty = True

    def visit(key: object, indent: int) -> None:
        nonlocal empty
        described = sorted((describe(edge) for edge in edges_of(key)), key=lambda d: d[1])
        for far, text in described:
            empty = False
            again = far is not None and far in shown
            lines.append(f"{'  ' * indent}{arrow} {text}{'  (see above)' if again else ''}")
            if far is not None and not again:
                shown.add(far)
                visit(far, indent + 1)

    visit(start, 2)
    if empty:
        lines.append("    (none)")
