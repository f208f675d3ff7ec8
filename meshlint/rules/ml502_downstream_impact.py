"""ML502: against the base (`--base`), a change removes, renames or retypes a column of a model, and a
model downstream, in any project of the mesh or in a consumer's export file (`--downstream`), reads
that column. The finding is on the consumer's line; `target` is the changed node.

Which column a consumer reads is pinned as for ML308: qualified by a ref'd parent (or a CTE passing
it through), or unqualified where every relation of the SELECT is known. The consumer's SQL is the
head's; the parent's columns are the base's (what the consumer was written against)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from meshlint.analyse.facts import AnalysedNode
from meshlint.analyse.parent_uses import KnownParent, located_uses
from meshlint.diagnostics import Diagnostic, Location, Severity
from meshlint.project.versions import latest_version_of, same_version
from meshlint.rules.base import Rule

if TYPE_CHECKING:  # the comparison with a base is imported only by runs with `--base`
    from meshlint.analyse.compare import ColumnChange, MeshChange


def _what(change: ColumnChange) -> str:
    if change.change == "retyped":
        return f"changes its type `{change.old_type}` -> `{change.new_type}`"
    if change.renamed_to:
        return f"removes it (renamed to `{change.renamed_to}`?)"
    return "removes it"


def _label(unique_id: str) -> str:
    parts = unique_id.split(".")
    if len(parts) > 3 and parts[-1].startswith("v"):
        return f"`{parts[2]}` {parts[-1]}"
    return f"`{parts[2]}`" if len(parts) > 2 else f"`{unique_id}`"


def _help(change: ColumnChange, target: str) -> str:
    lineage = f"`meshlint lineage {target}.{change.name} --downstream` lists everything the column feeds"
    if change.change == "retyped":
        return (
            f"the consumer was written against `{change.name}` as `{change.old_type}`; keep the type, or add the change "
            f"as a new version of {_label(target)} and move the consumer when it is ready; {lineage}"
        )
    return (
        f"the consumer's build fails once this merges (no column `{change.name}`); keep the column, or add the change "
        f"as a new version of {_label(target)} and keep the old one until its consumers have moved; {lineage}, run on the base"
    )


def _finding(consumer: str, target: str, column: str, change: ColumnChange, location: Location) -> Diagnostic:
    return RULE.diagnostic(
        f"`{column}` of {_label(target)} is read here, and the change {_what(change)}",
        location,
        node=consumer,
        column_name=column,
        target=target,
        help=_help(change, target),
    )


def _parent(change: MeshChange, base_id: str, head_id: str) -> KnownParent:
    known = change.base_columns(base_id)
    columns = frozenset(name.lower() for name, _ in known.columns.values()) if known is not None and known.closed else None
    return KnownParent(head_id, columns)


def _consumer_findings(consumer: AnalysedNode, change: MeshChange) -> Iterator[Diagnostic]:
    node = consumer.node
    if not consumer.column_uses or node.sql is None or consumer.render is None:
        return
    before = change.base.by_id.get(consumer.unique_id)
    base_targets = {r.call.key: r.target.unique_id for r in before.refs if r.target is not None} if before else {}
    reads: dict[str, tuple[str, str]] = {}  # token -> (base id, head id)
    changed: dict[str, dict[str, ColumnChange]] = {}
    for ref in consumer.refs:
        if ref.target is None or ref.call.token in reads:
            continue
        head_id = ref.target.unique_id
        base_id = base_targets.get(ref.call.key, head_id)
        reads[ref.call.token] = (base_id, head_id)
        diff = change.column_diff(base_id, head_id)
        if diff.changed:
            changed[head_id] = {c.key.lower(): c for c in diff.changed}
    if not changed:
        return
    parents = {token: _parent(change, base_id, head_id) for token, (base_id, head_id) in reads.items()}
    for target, column, line in located_uses(consumer, parents):
        column_change = changed.get(target, {}).get(column.lower())
        if column_change is not None:
            yield _finding(consumer.unique_id, target, column, column_change, Location(node.sql.path, line, 1))


def check(change: MeshChange) -> Iterator[Diagnostic]:
    own = {p.name for p in change.head.mesh.projects if not p.external and p.package_of is None}
    for consumer in change.head.nodes:
        if consumer.node.project in own:
            yield from _consumer_findings(consumer, change)
    for use in change.downstream:
        head_id = use.target if use.pinned else _latest(change, use.target)
        column_change = change.column_diff(use.target, head_id).by_key()
        found = {k.lower(): c for k, c in column_change.items()}.get(use.column.lower())
        if found is not None:
            yield _finding(use.model, head_id, use.column, found, Location(use.path, use.line, 1))


def _latest(change: MeshChange, unique_id: str) -> str:
    """The head's latest version of the model that `unique_id` is a version of (an unpinned ref's target)."""
    base = change.base.by_id.get(unique_id)
    project = change.head.project(base.node.project) if base is not None else None
    if base is None or project is None:
        return unique_id
    for node in project.nodes:
        if node.name == base.node.name and node.spec is not None and node.is_versioned:
            latest = latest_version_of(node.spec)
            if same_version(node.version, latest):
                return node.unique_id
    return unique_id


RULE = Rule(
    "ML502",
    "downstream-impact",
    Severity.ERROR,
    "Against the base, a change removes or retypes a column that a downstream model in any project of the mesh uses",
    check_change=check,
)
