"""ML308: a model uses a column that the model it refs does not produce.

Only certain cases are reported: a column qualified by (or, with every relation of the query known,
unambiguously resolving to) a ref'd parent, read directly or through CTEs and subqueries that pass the
parent through unchanged (`select * from {{ ref(...) }}`, optionally with a filter or extra named
columns). The parent's columns are its contract when dbt checks it (with what its SQL produces), else
its inferred columns when they are all known."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from meshlint.analyse.column_uses import SourceShape
from meshlint.analyse.contracts import CHECKED_MATERIALIZATIONS
from meshlint.analyse.facts import AnalysedMesh, AnalysedNode, ResolvedRef
from meshlint.diagnostics import Diagnostic, Location, Severity
from meshlint.project.facts import ModelNode
from meshlint.rules.base import Rule, node_label, sql_location

# Words that dialects parse as a bare column inside date functions (`datediff(day, a, b)`).
DATE_PARTS = frozenset(
    """year years yy yyyy quarter quarters qtr month months mon mm week weeks wk isoweek weekday dayofweek dow
    dayofyear doy day days dd hour hours hh minute minutes mi second seconds ss millisecond milliseconds ms
    microsecond microseconds us nanosecond nanoseconds ns epoch""".split()
)


@dataclass(frozen=True)
class Parent:
    """What a relation in the query is known to hold: a ref'd model's columns, plus named columns a
    pass-through CTE adds."""

    refs: tuple[ResolvedRef, ...]
    columns: frozenset[str]  # lower-cased


def parent_columns(target: ModelNode, mesh: AnalysedMesh) -> frozenset[str] | None:
    """The columns a ref'd model is certain to have, lower-cased, or None when not all are known."""
    analysed = mesh.by_id.get(target.unique_id)
    config = analysed.config if analysed is not None else target.config
    is_sql = target.sql is not None and target.sql.path.endswith(".sql")
    inferred = analysed.columns if analysed is not None else None
    produced = frozenset(c.name.lower() for c in inferred.columns) if inferred is not None else frozenset()
    if config.contract_enforced and target.columns and is_sql and config.materialized in CHECKED_MATERIALIZATIONS:
        # Where the contract and the SQL disagree (ML101/ML102 on the parent), either may be fixed:
        # a column of either is not reported here.
        return frozenset(c.name.lower() for c in target.columns) | produced
    if inferred is not None and inferred.closed:
        return produced
    return None


def ref_allowed(analysed: AnalysedNode, ref: ResolvedRef, mesh: AnalysedMesh) -> bool:
    """dbt accepts the ref itself; a refused one (ML301-ML305) is reported there, not column by column."""
    target = ref.target
    if target is None or ref.problem is not None:
        return False
    parent = mesh.by_id.get(target.unique_id)
    config = parent.config if parent is not None else target.config
    same_project = target.project == analysed.node.project
    if config.access == "private":
        return same_project and config.group is not None and config.group == analysed.config.group
    return config.access == "public" or same_project


def _holds(shape: SourceShape | None, parents: dict[str, Parent]) -> Parent | None:
    """What a relation holds, when it is a ref'd parent or passes one through unchanged."""
    parent = parents.get(shape.table) if shape is not None else None
    if parent is None or shape is None:
        return None
    return Parent(parent.refs, parent.columns | shape.extras) if shape.extras else parent


def _written_in(template: list[str], line: int, name: str) -> bool:
    """The template line spells the column (it did not come from a macro)."""
    if not 0 < line <= len(template):
        return False
    return re.search(rf"(?<![\w$]){re.escape(name)}(?![\w$])", template[line - 1], re.IGNORECASE) is not None


def _ref_text(ref: ResolvedRef) -> str:
    call = ref.call
    args = [repr(a) for a in ((call.package,) if call.package else ()) + (call.name,)]
    if call.version_given:
        args.append(f"v={call.version!r}")
    return f"ref({', '.join(args)})"


def _sibling_hint(name: str, parent: Parent, mesh: AnalysedMesh) -> str:
    """Which other version of a versioned parent has the column, if one does."""
    for ref in parent.refs:
        target = ref.target
        if target is None or target.version is None:
            continue
        project = mesh.project(target.project)
        for other in project.nodes if project else ():
            if other.name == target.name and other.version is not None and other.version != target.version:
                columns = parent_columns(other, mesh)
                if columns is not None and name.lower() in columns:
                    return f"; `{name}` is a column of `{target.name}` v{other.version}"
    return ""


def check(analysed: AnalysedNode, mesh: AnalysedMesh) -> Iterator[Diagnostic]:
    node, render, dialect = analysed.node, analysed.render, analysed.dialect
    if node.sql is None or render is None or render.sql is None or dialect is None or analysed.sql_failure is not None:
        return
    if not analysed.column_uses:
        return
    parents: dict[str, Parent] = {}
    for ref in analysed.refs:
        if ref.target is None or ref.call.token in parents or not ref_allowed(analysed, ref, mesh):
            continue
        columns = parent_columns(ref.target, mesh)
        if columns is not None:
            parents[ref.call.token] = Parent((ref,), columns)
    if not parents:
        return
    template = node.sql.text.splitlines()
    reported: set[tuple[int, str]] = set()
    for select in analysed.column_uses:
        sources = {name: _holds(shape, parents) for name, shape in select.sources}
        # An unqualified name can only be pinned down when every relation of the select is known and
        # it cannot come from an enclosing query (correlation) or a lateral join.
        all_known = bool(sources) and all(s is not None for s in sources.values()) and select.resolvable
        for column in select.columns:
            name = column.name
            key = name.lower()
            if column.qualifier:
                parent = sources.get(column.qualifier)
                if parent is None or key in parent.columns:
                    continue
                blamed = [parent]
            else:
                # Aliases of the select: GROUP BY, ORDER BY and (in some dialects) later projections
                # and WHERE may name them, so an unqualified name equal to one is not necessarily a column.
                if not all_known or key in select.aliases or key in DATE_PARTS:
                    continue
                known = [s for s in sources.values() if s is not None]
                if any(key in s.columns for s in known):
                    continue
                blamed = known
            location = sql_location(analysed, column.line)
            if not _written_in(template, location.line, name) or (location.line, key) in reported:
                continue
            reported.add((location.line, key))
            yield _finding(analysed, mesh, name, blamed, location)


def _finding(analysed: AnalysedNode, mesh: AnalysedMesh, name: str, blamed: list[Parent], location: Location) -> Diagnostic:
    reads = [(ref, parent) for parent in blamed for ref in parent.refs if ref.target is not None]
    labels = [node_label(ref.target) for ref, _ in reads if ref.target is not None]
    if len(reads) == 1:
        what = f"of {labels[0]}, which does not produce it"
    else:
        what = "that none of " + ", ".join(labels) + " produces"
    known = "; ".join(
        f"{node_label(ref.target)} (`{_ref_text(ref)}`) has " + ", ".join(f"`{c}`" for c in sorted(parent.columns))
        for ref, parent in reads
        if ref.target is not None
    )
    target = reads[0][0].target
    lineage = "; where each of its columns comes from: " + ", ".join(
        f"`meshlint lineage {ref.target.unique_id} --upstream`" for ref, _ in reads if ref.target is not None
    )
    return RULE.diagnostic(
        f"`{analysed.node.name}` uses column `{name}` {what}",
        location,
        node=analysed.unique_id,
        column_name=name,
        target=target.unique_id if target is not None and len(reads) == 1 else None,
        help=f"dbt compiles the model, and the query fails in the warehouse (no such column); {known}"
        + "".join(_sibling_hint(name, parent, mesh) for parent in blamed)
        + lineage,
    )


RULE = Rule(
    "ML308",
    "ref-unknown-column",
    Severity.ERROR,
    "A model uses a column that its parent (with a closed column set) does not produce",
    check_node=check,
)
