"""Build the lineage graph of an analysed mesh: its nodes and edges from what `check` found, and each model's
column lineage, computed on demand (in worker processes when many are missing) and cached by its inputs."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from meshlint.analyse.cache import AnalysisCache, digest
from meshlint.analyse.facts import AnalysedMesh, AnalysedNode
from meshlint.analyse.tasks import process_pool
from meshlint.engine import RunResult
from meshlint.lineage.columns import KnownTable, PlainLineage, as_plain, column_lineage
from meshlint.lineage.graph import (
    ColumnEdge,
    Edge,
    LineageGraph,
    Node,
    column_edges,
    findings_by_node,
    model_edges,
    node_of,
    source_node,
)
from meshlint.project.facts import ModelNode

LineageTask = tuple[str, str, dict[str, KnownTable], tuple[str, ...]]


def build_graph(result: RunResult, cwd: Path, cache_dir: Path | None = None, jobs: int = 1) -> LineageGraph:
    """The whole mesh's lineage, with column edges."""
    analysed = result.analysed
    findings = findings_by_node(result.diagnostics)
    nodes: dict[str, Node] = {}
    edges: list[Edge] = []
    for project in analysed.mesh.projects:
        for table in project.sources:
            node = source_node(project, table, _relative(table.location.path, cwd))
            nodes.setdefault(node.id, node)
        for model in project.nodes:
            done = analysed.by_id.get(model.unique_id)
            if done is None and (not model.config.enabled or model.resource_type in ("model", "snapshot") and not project.external):
                continue  # disabled: dbt neither builds it nor lets anything ref it
            path = result.node_paths.get(model.unique_id) or (_relative(model.sql.path, cwd) if model.sql else None)
            nodes[model.unique_id] = node_of(model, project, done, analysed.today, path, findings.get(model.unique_id, ()))
            if project.external:
                edges.append(Edge(None, model.unique_id, "unknown", reason=f"`{project.name}` is known from published metadata: what feeds it is not in the checkout"))
    for done in analysed.nodes:
        edges.extend(model_edges(done))
    # A source a model reads but no YAML declares (ML001's concern) still appears, with no columns.
    for edge in edges:
        if edge.parent is not None and edge.parent not in nodes and edge.kind == "source":
            project, source, table = edge.parent.split(".", 3)[1:]
            nodes[edge.parent] = Node(edge.parent, "source", project, f"{source}.{table}", open_reasons=("no YAML declares it",))
    edges = [e for e in edges if e.parent is None or e.parent in nodes]
    lineages = column_lineages(analysed, nodes, cache_dir, jobs)
    found_columns: list[ColumnEdge] = []
    for done in analysed.nodes:
        lineage = lineages.get(done.unique_id)
        if lineage is not None:
            found_columns.extend(column_edges(done, lineage, nodes))
        elif done.unique_id in nodes:
            why = "the model's SQL was not inferred" if done.columns is None else "the model's SQL cannot be followed"
            for column in nodes[done.unique_id].columns:
                found_columns.append(ColumnEdge(None, None, done.unique_id, column.name, False, why))
    return LineageGraph.of(nodes.values(), edges, [e for e in found_columns if e.parent is None or e.parent in nodes])


def _relative(path: str, cwd: Path) -> str:
    if path.startswith("<"):
        return path
    try:
        return Path(os.path.relpath(path, cwd)).as_posix()
    except ValueError:
        return Path(path).as_posix()


def known_table(target: ModelNode, mesh: AnalysedMesh) -> KnownTable:
    """What a model's SQL can know of a parent's columns, as inference knows it (names only)."""
    if target.config.contract_enforced and target.columns:
        return tuple(c.name for c in target.columns), True
    if target.published_columns is not None:
        return tuple(n for n, _ in target.published_columns), target.published_closed
    done = mesh.by_id.get(target.unique_id)
    cataloged = mesh.mesh.catalog.get(target.unique_id)
    if cataloged is not None and (done is None or done.columns is None or not done.columns.closed):
        return tuple(n for n, _ in cataloged), True
    if done is None or done.columns is None:
        return (), False
    return tuple(c.name for c in done.columns.columns), done.columns.closed


def lineage_task(done: AnalysedNode, mesh: AnalysedMesh, nodes: Mapping[str, Node]) -> LineageTask | None:
    render = done.render
    if render is None or render.sql is None or done.dialect is None or done.columns is None or done.sql_failure:
        return None
    tables: dict[str, KnownTable] = {}
    for ref in done.refs:
        if ref.target is not None:
            tables.setdefault(ref.call.token, known_table(ref.target, mesh))
    for call in render.sources:
        cataloged = mesh.mesh.catalog.get(f"source.{done.node.project}.{call.source}.{call.table}")
        if cataloged is not None:
            tables.setdefault(call.token, (tuple(n for n, _ in cataloged), True))
        else:
            source = nodes.get(f"source.{done.node.project}.{call.source}.{call.table}")
            tables.setdefault(call.token, (tuple(c.name for c in source.columns) if source else (), False))
    return render.sql, done.dialect, tables, tuple(c.name for c in done.columns.columns)


def _run(task: LineageTask) -> PlainLineage:
    return as_plain(column_lineage(*task))


def column_lineages(
    mesh: AnalysedMesh, nodes: Mapping[str, Node], cache_dir: Path | None, jobs: int
) -> dict[str, PlainLineage]:
    """Each inferred model's column lineage, from the cache where an earlier run computed it."""
    cache = AnalysisCache(cache_dir) if cache_dir is not None else None
    found: dict[str, PlainLineage] = {}
    missing: list[tuple[str, str | None, LineageTask]] = []
    try:
        for done in mesh.nodes:
            task = lineage_task(done, mesh, nodes)
            if task is None:
                continue
            key = None
            if cache is not None:
                sql, dialect, tables, outputs = task
                key = digest("lineage", sql, dialect, sorted(tables.items()), outputs)
                cached = cache.get(key)
                if isinstance(cached, tuple):
                    found[done.unique_id] = cached
                    continue
            missing.append((done.unique_id, key, task))
        pool = process_pool(jobs, len(missing))
        try:
            tasks = [task for _, _, task in missing]
            results = pool.map(_run, tasks, chunksize=max(1, len(tasks) // (4 * jobs))) if pool else map(_run, tasks)
            for (uid, key, _), lineage in zip(missing, results):
                found[uid] = lineage
                if cache is not None and key is not None:
                    cache.put(key, lineage)
        finally:
            if pool is not None:
                pool.shutdown()
    finally:
        if cache is not None:
            cache.close()
    return found

