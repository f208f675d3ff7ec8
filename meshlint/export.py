"""`meshlint export PROJECT`: the small, versioned interface file an upstream project publishes
from its CI so that consumers in other repositories can be checked against it, without dbt.

Schema (version 1)::

    {"format": "meshlint-interface", "version": 1, "project": "analytics", "dialect": "snowflake",
     "groups": ["core"],
     "models": [{"name": "fct_orders", "version": 2, "latest_version": 2, "access": "public",
                 "group": null, "deprecation_date": "2024-06-30T00:00:00+00:00",
                 "contract_enforced": true, "materialized": "view", "columns_closed": true,
                 "columns": [{"name": "order_id", "declared_type": "number", "inferred_type": "decimal(38, 0)"}]}]}

Every model and version is listed (so access and deprecation can be checked); `columns` is given
for public models only (the rest cannot be referenced from another project).

`uses` lists, for consumers' sake, the columns of other projects' models that this project's models
read (`{"model": "model.finance.fct_revenue", "target": "model.analytics.fct_orders.v2",
"column": "amount", "path": "models/fct_revenue.sql", "line": 4, "pinned": true}`, the path relative
to the project folder; `pinned` is false for a ref without `v=`, which follows the latest version): a producer's `check --base` reads them (`--downstream finance=FILE`) to name the consumers
that a change would break (ML502). Readers of version 1 files ignore the key.
"""

from __future__ import annotations

import json
import os

from meshlint.analyse.columns import match_key
from meshlint.analyse.facts import AnalysedMesh, AnalysedNode
from meshlint.analyse.compare import outputs
from meshlint.analyse.identifiers import warehouse_name
from meshlint.analyse.parent_uses import KnownParent, located_uses
from meshlint.project.facts import ModelNode
from meshlint.project.dates import deprecation_of
from meshlint.project.upstream import INTERFACE_FORMAT, INTERFACE_VERSION
from meshlint.project.versions import latest_version_of


def _columns(analysed: AnalysedNode) -> list[dict[str, object]]:
    dialect = analysed.dialect or ""
    inferred = analysed.columns.by_key(dialect) if analysed.columns is not None and dialect else {}
    rows = []
    seen = set()
    for column in analysed.node.columns:
        key = match_key(warehouse_name(column.name, dialect, column.quote), dialect) if dialect else column.name
        found = inferred.get(key)
        seen.add(key)
        rows.append({
            "name": column.name,
            "declared_type": column.data_type,
            "inferred_type": found.type.sql(dialect).lower() if found is not None and found.type is not None else None,
        })
    for key, found in inferred.items():
        if key not in seen:
            rows.append({
                "name": found.name,
                "declared_type": None,
                "inferred_type": found.type.sql(dialect).lower() if found.type is not None else None,
            })
    return rows


def build_interface(mesh: AnalysedMesh, project_name: str) -> dict[str, object]:
    project = mesh.project(project_name)
    assert project is not None
    models = []
    for analysed in mesh.nodes:
        node = analysed.node
        if node.project != project_name:
            continue
        deprecation = deprecation_of(node)
        public = analysed.config.access == "public"
        entry: dict[str, object] = {
            "name": node.name,
            "version": node.version,
            "latest_version": latest_version_of(node.spec) if node.spec is not None and node.is_versioned else None,
            "access": analysed.config.access,
            "group": analysed.config.group,
            "deprecation_date": deprecation[0].isoformat() if deprecation else None,
            "contract_enforced": analysed.config.contract_enforced,
            "materialized": analysed.config.materialized,
            "columns_closed": bool(public and analysed.columns is not None and analysed.columns.closed),
        }
        if public:
            entry["columns"] = _columns(analysed)
        models.append(entry)
    return {
        "format": INTERFACE_FORMAT,
        "version": INTERFACE_VERSION,
        "project": project_name,
        "dialect": project.dialect,
        "groups": sorted(g.name for g in project.groups),
        "models": models,
        "uses": _uses(mesh, project_name, project.root),
    }


def known_columns(target: ModelNode, mesh: AnalysedMesh) -> frozenset[str] | None:
    """The lower-cased columns a ref'd node is known to have in full (its outputs in the mesh, or
    what its publisher exported), or None."""
    analysed = mesh.by_id.get(target.unique_id)
    if analysed is not None:
        found = outputs(analysed)
        return frozenset(name.lower() for name, _ in found.columns.values()) if found is not None and found.closed else None
    if target.published_columns is not None and target.published_closed:
        return frozenset(name.lower() for name, _ in target.published_columns)
    if target.config.contract_enforced and target.columns:
        return frozenset(c.name.lower() for c in target.columns)
    return None


def _uses(mesh: AnalysedMesh, project_name: str, root: str) -> list[dict[str, object]]:
    rows = []
    for analysed in mesh.nodes:
        node = analysed.node
        if node.project != project_name or node.sql is None:
            continue
        upstream = {r.target.unique_id for r in analysed.refs if r.target is not None and r.target.project != project_name}
        if not upstream:
            continue
        parents = {
            ref.call.token: KnownParent(ref.target.unique_id, known_columns(ref.target, mesh))
            for ref in analysed.refs
            if ref.target is not None
        }
        path = os.path.relpath(node.sql.path, root).replace(os.sep, "/")
        unpinned = {
            r.target.unique_id for r in analysed.refs
            if r.target is not None and r.target.is_versioned and not r.call.version_given
        }
        rows.extend(
            {"model": node.unique_id, "target": target, "column": column, "path": path, "line": line,
             "pinned": target not in unpinned}
            for target, column, line in located_uses(analysed, parents)
            if target in upstream
        )
    return sorted(rows, key=lambda r: (r["path"], r["line"], r["column"], r["target"]))  # type: ignore[return-value]


def render_interface(mesh: AnalysedMesh, project_name: str) -> str:
    return json.dumps(build_interface(mesh, project_name), indent=2, sort_keys=True) + "\n"
