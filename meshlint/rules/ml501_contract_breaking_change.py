"""ML501: against the base (`--base`), a model's enforced contract changed in a way dbt's `--state`
comparison calls breaking: an error for a versioned model (dbt raises ContractBreakingChangeError),
a warning for an unversioned one (dbt warns UnversionedBreakingChange)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from meshlint.diagnostics import Diagnostic, Severity
from meshlint.rules.base import Rule, node_label

if TYPE_CHECKING:  # the comparison with a base is imported only by runs with `--base`
    from meshlint.analyse.compare import MeshChange, NodeChange
    from meshlint.analyse.contract_changes import ContractBreak


def describe(broken: ContractBreak) -> list[str]:
    """Each breaking part, as a short phrase naming the columns and types."""
    parts = []
    if broken.enforcement_removed:
        parts.append("the contract is no longer enforced")
    if broken.columns_removed:
        parts.append("removed " + ", ".join(f"`{c.name}`" for c in broken.columns_removed))
    if broken.type_changes:
        parts.append("changed the type of " + ", ".join(f"`{t.column}` (`{t.old}` -> `{t.new}`)" for t in broken.type_changes))
    if broken.constraints_removed:
        parts.append(
            "dropped the enforced constraint" + ("s " if len(broken.constraints_removed) > 1 else " ")
            + ", ".join(
                f"`{c.name or c.type}` on " + ", ".join(f"`{col}`" for col in c.columns)
                for c in broken.constraints_removed
            )
        )
    if broken.materialization_change:
        old, new = broken.materialization_change
        parts.append(f"changed the materialization `{old}` -> `{new}` while constraints are enforced")
    return parts


def _finding(change: NodeChange) -> Diagnostic:
    assert change.head is not None and change.base is not None
    node = change.head.node
    versioned = node.is_versioned
    label = node_label(node)
    message = f"Breaking change to the enforced contract of {label}: " + "; ".join(describe(change.contract))
    if versioned:
        help = (
            f"dbt's state comparison fails with ContractBreakingChangeError; keep v{node.version} as it was and add the "
            f"change as a new version (a `- v: <next>` entry under `versions:` with its columns, in `{node.name}_v<next>.sql`; "
            f"`meshlint version new {node.name} --make-latest --deprecate-previous DATE` writes both), "
            f"then give v{node.version} a `deprecation_date` so that its consumers can move"
        )
    else:
        help = (
            "dbt warns UnversionedBreakingChange; make the change additive, or version the model: keep the old columns "
            f"as `versions: [{{v: 1}}]` and add the change as v2 in `{node.name}_v2.sql`"
        )
    finding = RULE.diagnostic(message, node.location, node=node.unique_id, help=help)
    return replace(finding, severity=Severity.ERROR if versioned else Severity.WARNING)


def check(change: MeshChange) -> Iterator[Diagnostic]:
    for node_change in change.nodes:
        if node_change.status == "changed" and node_change.contract:
            yield _finding(node_change)


RULE = Rule(
    "ML501",
    "contract-breaking-change",
    Severity.ERROR,
    "Against the base, a contracted model lost a column, changed a type, dropped enforcement or an enforced "
    "constraint, without a new version (a warning when unversioned, as dbt)",
    check_change=check,
)
