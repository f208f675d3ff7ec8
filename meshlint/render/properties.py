"""Jinja in YAML: dbt renders property and config values (`data_type: "{{ var('id_type') }}"`,
`+enabled: "{{ var('enable_legacy', false) }}"`) with `var`, `env_var` and `target` before it uses
them. meshlint renders them the same way, in the same sandbox, before analysis."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace

from meshlint.project.config_tree import node_config
from meshlint.project.facts import Mesh, ModelNode, Project, columns_outline


def has_jinja(value: object) -> bool:
    return isinstance(value, str) and ("{{" in value or "{%" in value)


def _native(text: str) -> object:
    """Rendered text as the YAML value it stands for (`"true"` -> True), as dbt's native rendering.

    >>> _native(" True "), _native("table"), _native("3")
    (True, 'table', '3')
    """
    lowered = text.strip().lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    if lowered in ("none", "null", ""):
        return None
    return text.strip()


def _config_value(value: object, render: Callable[[str], str]) -> object:
    if has_jinja(value):
        return _native(render(value))  # type: ignore[arg-type]
    if isinstance(value, Mapping):
        return {k: _config_value(v, render) for k, v in value.items()}
    return value


def _node(node: ModelNode, render: Callable[[str], str]) -> ModelNode:
    changed = False
    raw = node.config.raw
    if any(has_jinja(v) or isinstance(v, Mapping) for v in raw.values()):
        rendered = {k: _config_value(v, render) for k, v in raw.items()}
        if rendered != raw:
            changed = True
            raw = rendered
    # a model's columns are read only when a data_type has Jinja: most are never unpickled in a warm run
    columns = None
    if columns_outline(node).jinja_types:
        changed = True
        columns = tuple(
            replace(c, data_type=str(_native(render(c.data_type)) or "") or None) if has_jinja(c.data_type) else c  # type: ignore[arg-type]
            for c in node.columns
        )
    if not changed:
        return node
    return replace(node, config=node_config(raw, node.config.locations), columns=node.columns if columns is None else columns)


def render_properties(mesh: Mesh, render_for: Callable[[Project], Callable[[str], str]]) -> Mesh:
    """The mesh with every Jinja value in model configs and column data_types rendered."""
    projects = []
    for project in mesh.projects:
        render = render_for(project)
        nodes = tuple(_node(n, render) for n in project.nodes)
        projects.append(project if nodes == project.nodes else replace(project, nodes=nodes))
    return replace(mesh, projects=tuple(projects))

