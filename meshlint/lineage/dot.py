"""`meshlint lineage --format dot`: a Graphviz digraph, projects as clusters (column lineage: models as
clusters inside them), unknown origins as dashed `?` nodes."""

from __future__ import annotations

from collections.abc import Mapping

from meshlint.lineage.diagram import Group, diagram


def quoted(value: str) -> str:
    """A Graphviz double-quoted string.

    >>> quoted('say "hi"\\\\')
    '"say \\\\"hi\\\\"\\\\\\\\"'
    """
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def render(doc: Mapping[str, object]) -> str:
    drawn = diagram(doc)
    lines = [
        "digraph lineage {",
        "  rankdir=LR;",
        '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="Helvetica", fontsize=10];',
        '  edge [fontname="Helvetica", fontsize=9];',
    ]

    def group(g: Group, indent: str) -> None:
        lines.append(f"{indent}subgraph cluster_{g.id} {{")
        lines.append(f'{indent}  label={quoted(g.title)}; style="rounded"; color="#9ca3af";')
        for box in g.boxes:
            attributes = [f"label={quoted(box.title + chr(10) + box.detail)}"]
            if box.root:
                attributes.append('penwidth=3, color="#1f6feb"')
            if box.warn:
                attributes.append('fillcolor="#fff4e5"')
            lines.append(f"{indent}  {box.id} [{', '.join(attributes)}];")
        for inner in g.groups:
            group(inner, indent + "  ")
        lines.append(f"{indent}}}")

    for g in drawn.groups:
        group(g, "  ")
    for marker in drawn.unknowns:
        lines.append(f'  {marker} [label="?", shape=circle, style=dashed];')
    for arrow in drawn.arrows:
        attributes = [f"label={quoted(arrow.text)}"] if arrow.text else []
        if arrow.dashed:
            attributes.append("style=dashed")
        lines.append(f"  {arrow.parent} -> {arrow.child}" + (f" [{', '.join(attributes)}]" if attributes else "") + ";")
    lines.append("}")
    return "\n".join(lines) + "\n"
