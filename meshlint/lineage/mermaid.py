"""`meshlint lineage --format mermaid`: a Mermaid flowchart, projects as subgraphs (column lineage: models
as subgraphs inside them), unknown origins as dashed `?` nodes."""

from __future__ import annotations

from collections.abc import Mapping

from meshlint.lineage.diagram import Group, diagram


def text(value: str) -> str:
    """A label safe inside Mermaid's double quotes.

    >>> text('`ref("x")` <b>')
    "'ref(#quot;x#quot;)' #lt;b#gt;"
    """
    return value.replace("`", "'").replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")


def render(doc: Mapping[str, object]) -> str:
    drawn = diagram(doc)
    lines = ["flowchart LR"]
    roots: list[str] = []
    warned: list[str] = []

    def group(g: Group, indent: str) -> None:
        lines.append(f'{indent}subgraph {g.id}["{text(g.title)}"]')
        for box in g.boxes:
            lines.append(f'{indent}  {box.id}["{text(box.title)}<br/><small>{text(box.detail)}</small>"]')
            if box.root:
                roots.append(box.id)
            if box.warn:
                warned.append(box.id)
        for inner in g.groups:
            group(inner, indent + "  ")
        lines.append(f"{indent}end")

    for g in drawn.groups:
        group(g, "  ")
    for marker in drawn.unknowns:
        lines.append(f'  {marker}(("?"))')
    for arrow in drawn.arrows:
        link = "-.->" if arrow.dashed else "-->"
        lines.append(f'  {arrow.parent} {link}|"{text(arrow.text)}"| {arrow.child}' if arrow.text else f"  {arrow.parent} {link} {arrow.child}")
    lines.append("  classDef root stroke-width:3px,stroke:#1f6feb")
    lines.append("  classDef warn fill:#fff4e5,stroke:#d97706")
    lines.append("  classDef unknown fill:#f3f4f6,stroke:#9ca3af,stroke-dasharray:4 3")
    if roots:
        lines.append(f"  class {','.join(roots)} root")
    if warned:
        lines.append(f"  class {','.join(warned)} warn")
    if drawn.unknowns:
        lines.append(f"  class {','.join(drawn.unknowns)} unknown")
    return "\n".join(lines) + "\n"
