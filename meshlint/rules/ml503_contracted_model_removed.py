"""ML503: against the base (`--base`), a model or version that others may depend on is gone from the
head (deleted, renamed or disabled).

* Enforced contract at the base: reported as dbt's `--state` comparison does (since 1.9), unless the
  node was past its `deprecation_date`: an error for a version, a warning for an unversioned model.
* Public or protected without a contract: reported when a model still refs it (in the mesh, or in a
  consumer's export file), or when its `deprecation_date` is still ahead (it was announced for later).

A node still referenced is always an error: the consumer's build fails."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from meshlint.diagnostics import Diagnostic, Location, Severity
from meshlint.project.dates import deprecation_cutoff, deprecation_of
from meshlint.project.facts import ModelNode
from meshlint.rules.base import Rule, node_label

if TYPE_CHECKING:  # the comparison with a base is imported only by runs with `--base`
    from meshlint.analyse.compare import MeshChange, NodeChange


def _referenced_by(change: MeshChange, removed: str) -> list[str]:
    """Consumers whose ref resolved to the node at the base and resolves to nothing at the head."""
    consumers = set()
    for consumer in change.head.nodes:
        before = change.base.by_id.get(consumer.unique_id)
        if before is None:
            continue
        base_targets = {r.call.key: r.target.unique_id for r in before.refs if r.target is not None}
        if any(r.target is None and base_targets.get(r.call.key) == removed for r in consumer.refs):
            consumers.add(consumer.unique_id)
    consumers |= {use.model for use in change.downstream if use.target == removed}
    return sorted(consumers)


def _location(node_change: NodeChange, change: MeshChange) -> Location:
    """The disabled head node; else the head file that declared it at the base, if it is still there;
    else where the base declared it."""
    if node_change.disabled is not None:
        return node_change.disabled.config.locations.get("enabled", node_change.disabled.location)
    assert node_change.base is not None
    base_node = node_change.base.node
    base_project = change.base.project(base_node.project)
    head_project = change.head.project(base_node.project)
    if base_project is not None and head_project is not None and base_node.spec is not None:
        relative = base_node.spec.path[len(base_project.root):]
        for spec in head_project.specs:
            if spec.path[len(head_project.root):] == relative:
                return Location(spec.path, 1, 1)
    return base_node.location


def _finding(node_change: NodeChange, change: MeshChange, today: datetime.date) -> Diagnostic | None:
    assert node_change.base is not None
    base = node_change.base
    node: ModelNode = node_change.disabled or base.node
    dated = deprecation_of(node)
    if dated is not None and dated[0] < deprecation_cutoff(today):
        return None  # past its deprecation date: removing it is the plan
    how = "was disabled" if node_change.status == "disabled" else "was deleted or renamed"
    consumers = _referenced_by(change, base.unique_id)
    contracted = base.config.contract_enforced
    if not consumers and not contracted and not (base.config.access in ("public", "protected") and dated is not None):
        return None
    if consumers:
        why = "while " + ", ".join(f"`{c}`" for c in consumers) + (" still refs it" if len(consumers) == 1 else " still ref it")
        severity = Severity.ERROR
    else:
        why = f"before its deprecation date {dated[0].date().isoformat()}" if dated else "without a deprecation date"
        severity = Severity.ERROR if contracted and base.node.is_versioned else Severity.WARNING
    kind = "Contracted model" if contracted else f"{base.config.access.capitalize()} model"
    finding = RULE.diagnostic(
        f"{kind} {node_label(base.node)} {how} {why}",
        _location(node_change, change),
        node=base.unique_id,
        help="keep it until its consumers have moved: give it a `deprecation_date` and remove it once the date has "
        "passed (dbt allows that), or restore it",
    )
    return replace(finding, severity=severity)


def check(change: MeshChange) -> Iterator[Diagnostic]:
    for node_change in change.nodes:
        if node_change.status in ("removed", "disabled"):
            found = _finding(node_change, change, change.head.today)
            if found is not None:
                yield found


RULE = Rule(
    "ML503",
    "contracted-model-removed",
    Severity.ERROR,
    "Against the base, a contracted, public or protected model or version was deleted, renamed or disabled while "
    "still referenced or before its deprecation date",
    check_change=check,
)
