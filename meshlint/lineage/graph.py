"""The lineage graph of a whole mesh: every model, seed, snapshot and source as a node with its status
(access, contract, version, deprecation, findings), the edges between them (which version each consumer
pins), and the column edges; "unknown" edges where meshlint cannot say what feeds a node or column."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sqlglot import exp

from meshlint.analyse.columns import type_key
from meshlint.analyse.facts import AnalysedNode, ResolvedRef
from meshlint.diagnostics import Diagnostic
from meshlint.lineage.columns import PlainLineage
from meshlint.project.dates import deprecation_cutoff, deprecation_of
from meshlint.project.facts import ModelNode, Project, SourceTable
from meshlint.project.versions import latest_version_of, version_key


@dataclass(frozen=True)
class Column:
    name: str
    type: str | None  # as the dialect spells it, lower case; None when unknown


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    message: str
    line: int
    column: str | None = None


@dataclass(frozen=True)
class Node:
    id: str  # dbt's unique id
    kind: str  # model, seed, snapshot or source
    project: str
    name: str
    path: str | None = None  # the SQL (or YAML, for a source) file, relative to the current folder
    version: str | None = None
    latest_version: str | None = None
    access: str | None = None  # None for a source
    group: str | None = None
    contract: bool = False
    materialized: str | None = None
    deprecation_date: str | None = None  # ISO 8601
    deprecated: bool = False  # the date is past `today`
    external: bool = False  # known from published metadata only
    columns: tuple[Column, ...] = ()
    columns_closed: bool = False  # every column is known
    open_reasons: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()

    @property
    def label(self) -> str:
        """`project.name` (with ` v2` for a version), as people say it."""
        return f"{self.project}.{self.name}" + (f" v{self.version}" if self.version is not None else "")


@dataclass(frozen=True)
class Edge:
    """`child` reads `parent` (None: something meshlint cannot name, said in `reason`)."""

    parent: str | None
    child: str
    kind: str  # ref, source or unknown
    pinned: str | None = None  # the version the ref pins with `v=`; None for an unpinned ref
    reason: str | None = None


@dataclass(frozen=True)
class ColumnEdge:
    """Column `child_column` of `child` is made from `parent_column` of `parent` (None: unknown, see `reason`)."""

    parent: str | None
    parent_column: str | None
    child: str
    child_column: str
    direct: bool = False  # passed through unchanged (a rename at most), not computed
    reason: str | None = None


@dataclass(frozen=True)
class LineageGraph:
    nodes: Mapping[str, Node]
    edges: tuple[Edge, ...]
    column_edges: tuple[ColumnEdge, ...] = ()
    parents: Mapping[str, tuple[Edge, ...]] = field(default_factory=dict)
    children: Mapping[str, tuple[Edge, ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, nodes: Iterable[Node], edges: Iterable[Edge], column_edges: Iterable[ColumnEdge] = ()) -> "LineageGraph":
        edges = tuple(sorted(dict.fromkeys(edges), key=_edge_key))
        parents: dict[str, list[Edge]] = {}
        children: dict[str, list[Edge]] = {}
        for edge in edges:
            parents.setdefault(edge.child, []).append(edge)
            if edge.parent is not None:
                children.setdefault(edge.parent, []).append(edge)
        return cls(
            {n.id: n for n in sorted(nodes, key=lambda n: n.id)},
            edges,
            tuple(sorted(dict.fromkeys(column_edges), key=_column_edge_key)),
            {k: tuple(v) for k, v in parents.items()},
            {k: tuple(v) for k, v in children.items()},
        )


def _edge_key(edge: Edge) -> tuple[str, str, str, str, str]:
    return (edge.child, edge.parent or "", edge.kind, edge.pinned or "", edge.reason or "")


def _column_edge_key(edge: ColumnEdge) -> tuple[str, str, str, str, str]:
    return (edge.child, edge.child_column, edge.parent or "", edge.parent_column or "", edge.reason or "")


def source_id(project: str, source: str, table: str) -> str:
    return f"source.{project}.{source}.{table}"


def ref_text(ref: ResolvedRef) -> str:
    """The ref as the model wrote it: `ref('analytics', 'fct_orders', v=1)`."""
    call = ref.call
    args = [repr(a) for a in ((call.package,) if call.package else ()) + (call.name,)]
    if call.version_given:
        args.append(f"v={call.version!r}")
    return f"ref({', '.join(args)})"


PROBLEMS = {
    "unknown-model": "names no model",
    "unknown-version": "names no declared version",
    "undeclared-project": "names a project missing from dependencies.yml",
    "unavailable-project": "names a project that is neither in the checkout nor given as an upstream",
    "disabled": "names a disabled model",
    "unchecked": "may name a model of a package that is not installed",
}


def model_edges(analysed: AnalysedNode) -> list[Edge]:
    """What a model reads: its refs (with the version each pins) and sources; unknown where it cannot be said."""
    uid = analysed.unique_id
    edges = []
    for ref in analysed.refs:
        pinned = version_key(ref.call.version) if ref.call.version_given and ref.call.version not in (None, 0, "") else None
        if ref.target is None or ref.problem in ("unknown-model", "unknown-version", "unavailable-project", "disabled", "unchecked"):
            reason = f"`{ref_text(ref)}` {PROBLEMS.get(ref.problem or '', 'does not resolve')}"
            edges.append(Edge(None, uid, "unknown", pinned, reason))
        else:
            reason = f"`{ref_text(ref)}` {PROBLEMS[ref.problem]}" if ref.problem in PROBLEMS else None
            edges.append(Edge(ref.target.unique_id, uid, "ref", pinned, reason))
    render = analysed.render
    if render is not None:
        for call in render.sources:
            edges.append(Edge(source_id(analysed.node.project, call.source, call.table), uid, "source"))
    if render is None:
        why = "a Python model: meshlint does not read its refs" if analysed.node.sql else "no SQL file"
        edges.append(Edge(None, uid, "unknown", reason=why))
    elif render.failure is not None:
        edges.append(Edge(None, uid, "unknown", reason="its Jinja does not render, so its refs may be incomplete"))
    return edges


def node_of(
    model: ModelNode,
    project: Project,
    analysed: AnalysedNode | None,
    today: datetime.date,
    path: str | None,
    findings: tuple[Finding, ...],
) -> Node:
    config = analysed.config if analysed is not None else model.config
    latest = latest_version_of(model.spec) if model.spec is not None and model.spec.versions else None
    deprecation = deprecation_of(model)
    dialect = (analysed.dialect if analysed is not None else project.dialect) or ""
    inferred = analysed.columns if analysed is not None else None
    declared = {c.name.lower(): c.data_type for c in model.columns}
    if inferred is not None and (inferred.columns or not declared):
        columns = tuple(
            Column(c.name, type_sql(c.type, dialect) if c.type is not None else declared.get(c.name.lower()))
            for c in inferred.columns
        )
        closed, reasons = inferred.closed, inferred.reasons
    elif model.published_columns is not None:
        columns = tuple(Column(n, t) for n, t in model.published_columns)
        closed, reasons = model.published_closed, () if model.published_closed else ("its published columns are not all known",)
    else:
        columns = tuple(Column(c.name, c.data_type) for c in model.columns)
        closed, reasons = False, ("its columns were not inferred",)
    return Node(
        id=model.unique_id,
        kind=model.resource_type,
        project=model.project,
        name=model.name,
        path=path,
        version=version_key(model.version) if model.version is not None else None,
        latest_version=version_key(latest) if latest is not None else None,
        access=config.access,
        group=config.group,
        contract=config.contract_enforced,
        materialized=config.materialized,
        deprecation_date=deprecation[0].isoformat() if deprecation else None,
        deprecated=bool(deprecation and deprecation[0] < deprecation_cutoff(today)),
        external=project.external,
        columns=columns,
        columns_closed=closed,
        open_reasons=tuple(reasons),
        findings=findings,
    )


_TYPE_SQL: dict[tuple[str | None, str], str] = {}


def type_sql(data_type: exp.DataType, dialect: str) -> str:
    """A type as the dialect spells it, lower case; computed once per distinct type (a mesh has few).

    >>> type_sql(exp.DataType.build("decimal(18, 2)"), "duckdb")
    'decimal(18, 2)'
    """
    key = (type_key(data_type), dialect)
    found = _TYPE_SQL.get(key)
    if found is None:
        if len(_TYPE_SQL) > 4096:
            _TYPE_SQL.clear()
        found = _TYPE_SQL[key] = data_type.sql(dialect).lower()
    return found


def source_node(project: Project, table: SourceTable, path: str | None) -> Node:
    return Node(
        id=source_id(project.name, table.source, table.name),
        kind="source",
        project=project.name,
        name=f"{table.source}.{table.name}",
        path=path,
        columns=tuple(Column(c.name, c.data_type.lower() if c.data_type else None) for c in table.columns),
        columns_closed=False,
        open_reasons=("a source's YAML column list may be partial",),
    )


def findings_by_node(diagnostics: Iterable[Diagnostic]) -> dict[str, tuple[Finding, ...]]:
    found: dict[str, list[Finding]] = {}
    for d in diagnostics:
        if d.node is not None:
            found.setdefault(d.node, []).append(Finding(d.code, d.severity.value, d.message, d.location.line, d.column_name))
    return {k: tuple(v) for k, v in found.items()}


def column_edges(analysed: AnalysedNode, lineage: PlainLineage, nodes: Mapping[str, Node]) -> list[ColumnEdge]:
    """A model's column lineage (table tokens of its rendered SQL) as edges between nodes' columns."""
    uid = analysed.unique_id
    by_token: dict[str, tuple[str | None, str | None]] = {}
    for ref in analysed.refs:
        if ref.target is not None and ref.call.token not in by_token:
            by_token[ref.call.token] = (ref.target.unique_id, None)
        elif ref.call.token not in by_token:
            by_token[ref.call.token] = (None, f"`{ref_text(ref)}` does not resolve")
    for call in analysed.render.sources if analysed.render is not None else ():
        by_token.setdefault(call.token, (source_id(analysed.node.project, call.source, call.table), None))
    edges = []
    for column, origins, unknown in lineage:
        for table, name, direct in origins:
            parent, why = by_token.get(table, (None, f"a table the model names directly (`{table}`), not a ref or source"))
            if parent is None:
                edges.append(ColumnEdge(None, None, uid, column, False, why))
                continue
            edges.append(ColumnEdge(parent, _spelled(nodes.get(parent), name), uid, column, direct))
        if unknown is not None:
            edges.append(ColumnEdge(None, None, uid, column, False, unknown))
    return edges


def _spelled(parent: Node | None, name: str) -> str:
    """A column as its parent names it (queries may spell it in another case)."""
    if parent is not None:
        for column in parent.columns:
            if column.name.lower() == name.lower():
                return column.name
    return name
