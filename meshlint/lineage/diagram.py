"""What the Mermaid and Graphviz outputs share: the document's nodes grouped by project (and, for column
lineage, columns grouped by model), with short ids and one-line statuses."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from meshlint.lineage.text import label, status

Doc = Mapping[str, object]


@dataclass(frozen=True)
class Box:
    """A drawn node: a model (model lineage) or a column (column lineage)."""

    id: str  # short and safe in either language: n0, n1, ...
    title: str
    detail: str
    root: bool
    warn: bool  # deprecated, or has an error finding


@dataclass(frozen=True)
class Group:
    id: str
    title: str
    boxes: tuple[Box, ...]
    groups: tuple["Group", ...] = ()


@dataclass(frozen=True)
class Arrow:
    parent: str  # a box id, or the id of an unknown marker
    child: str
    text: str
    dashed: bool


@dataclass(frozen=True)
class Diagram:
    groups: tuple[Group, ...]
    unknowns: tuple[str, ...]  # ids of "?" markers
    arrows: tuple[Arrow, ...]


def diagram(doc: Doc) -> Diagram:
    """The document as boxes in project groups (column lineage: in model groups inside them) and arrows."""
    nodes = list(doc["nodes"])  # type: ignore[call-overload]
    roots = {(r["node"], r["column"]) for r in doc["roots"]}  # type: ignore[attr-defined]
    ids: dict[object, str] = {}
    projects: dict[str, list[object]] = {}
    for index, node in enumerate(nodes):
        warn = bool(node["deprecated"]) or any(f["severity"] == "error" for f in node["findings"])
        if doc["level"] == "model":
            ids[node["id"]] = f"n{index}"
            box = Box(f"n{index}", label(node), status(node), (node["id"], None) in roots, warn)
            projects.setdefault(node["project"], []).append(box)
        else:
            boxes = []
            for number, column in enumerate(node["columns"]):
                key = (node["id"], column["name"].lower())
                ids[key] = f"n{index}c{number}"
                boxes.append(Box(ids[key], column["name"], column["type"] or "type unknown", (node["id"], column["name"]) in roots, False))
            projects.setdefault(node["project"], []).append(Group(f"m{index}", f"{label(node)}: {status(node)}", tuple(boxes)))
    groups = []
    for number, (project, members) in enumerate(sorted(projects.items())):
        groups.append(Group(
            f"p{number}", project,
            tuple(m for m in members if isinstance(m, Box)),
            tuple(m for m in members if isinstance(m, Group)),
        ))
    unknowns: list[str] = []
    arrows: list[Arrow] = []
    for edge in doc["column_edges" if doc["level"] == "column" else "edges"]:  # type: ignore[attr-defined]
        if doc["level"] == "model":
            child, parent = ids[edge["to"]], ids.get(edge["from"]) if edge["from"] else None
            notes = []
            if edge["pinned_version"] is not None:
                notes.append(f"v={edge['pinned_version']}")
            elif edge["follows_latest"]:
                notes.append("latest")
            text = "; ".join(notes + ([edge["reason"]] if edge["reason"] else []))
        else:
            child = ids[(edge["to"]["node"], edge["to"]["column"].lower())]
            parent = ids.get((edge["from"]["node"], edge["from"]["column"].lower())) if edge["from"] else None
            text = edge["reason"] or ("" if edge["kind"] == "direct" else edge["kind"])
            if edge["from"] and parent is None:
                continue
        if parent is None:
            parent = f"u{len(unknowns)}"
            unknowns.append(parent)
        arrows.append(Arrow(parent, child, text, edge["kind"] == "unknown"))
    return Diagram(tuple(groups), tuple(unknowns), tuple(arrows))
