"""dbt's `graph` context variable, as far as the project files tell: every node and source of the
mesh, as the plain dicts templates read."""

from __future__ import annotations

import os

from meshlint.project.facts import Mesh, ModelNode, Project


def graph_context(mesh: Mesh) -> dict[str, object]:
    """dbt's `graph` context variable, as far as the files tell: every node and source."""
    nodes: dict[str, object] = {}
    sources: dict[str, object] = {}
    for project in mesh.projects:
        for node in project.nodes:
            nodes[node.unique_id] = {
                "unique_id": node.unique_id,
                "name": node.name,
                "resource_type": node.resource_type,
                "package_name": node.project,
                "version": node.version,
                # as dbt: relative to the project's (or package's) root, with `/`
                "original_file_path": _relative(node, project),
                "alias": node.config.raw.get("alias") or node.name,
                "tags": node.config.raw.get("tags") or [],
                "config": {**node.config.raw, "materialized": node.config.materialized, "access": node.config.access},
                "columns": {c.name: {"name": c.name, "data_type": c.data_type} for c in node.columns},
            }
        for table in project.sources:
            uid = f"source.{project.name}.{table.source}.{table.name}"
            sources[uid] = {
                "unique_id": uid,
                "name": table.name,
                "source_name": table.source,
                "resource_type": "source",
                "package_name": project.name,
                "database": table.database,
                "schema": table.schema,
                "columns": {c.name: {"name": c.name, "data_type": c.data_type} for c in table.columns},
            }
    return {"nodes": nodes, "sources": sources}


def _relative(node: ModelNode, project: Project) -> str | None:
    """`models/input_layer/x.sql` for `<root>/models/input_layer/x.sql`."""
    if node.sql is None:
        return None
    relative = os.path.relpath(os.path.abspath(node.sql.path), os.path.abspath(project.root))
    return node.sql.path.replace(os.sep, "/") if relative.startswith("..") else relative.replace(os.sep, "/")
