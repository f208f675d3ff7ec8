"""ML105: a contract dbt never checks, or constraints dbt silently drops."""

from collections.abc import Iterator

from meshlint.analyse.facts import AnalysedMesh, AnalysedNode
from meshlint.diagnostics import Diagnostic, Location, Severity
from meshlint.project.facts import Constraint, ModelNode
from meshlint.rules.base import Rule, node_label

# dbt builds these without DDL from the contract, so the contract is never compared with the SQL.
UNCHECKED_MATERIALIZATIONS = ("ephemeral", "materialized_view", "snapshot")
# The only materializations whose DDL carries constraints.
CONSTRAINED_MATERIALIZATIONS = ("table", "incremental")


def model_constraints(node: ModelNode) -> tuple[Constraint, ...]:
    """A node's model-level constraints: a version's own list replaces the model's when not empty."""
    if node.version_spec is not None and node.version_spec.constraints:
        return node.version_spec.constraints
    return node.spec.constraints if node.spec is not None else ()


def all_constraints(node: ModelNode) -> list[tuple[str | None, Constraint]]:
    """(column name or None for a model-level constraint, constraint) for every constraint of a node."""
    found: list[tuple[str | None, Constraint]] = [(None, c) for c in model_constraints(node)]
    for column in node.columns:
        found.extend((column.name, c) for c in column.constraints)
    return found


def is_python(node: ModelNode) -> bool:
    return node.sql is not None and node.sql.path.endswith(".py")


def config_location(analysed: AnalysedNode, *keys: str) -> Location:
    """Where the first of `keys` that is set was written, else where the node is declared."""
    for key in keys:
        location = analysed.config.locations.get(key)
        if location is not None:
            return location
    return analysed.node.location


def _described(column: str | None, constraint: Constraint) -> str:
    kind = f"`{constraint.type}` constraint" if constraint.type else "constraint"
    return f"{kind} on column `{column}`" if column is not None else f"model-level {kind}"


def check(analysed: AnalysedNode, mesh: AnalysedMesh) -> Iterator[Diagnostic]:
    config = analysed.config
    node = analysed.node
    if not config.enabled:
        return
    label = node_label(node)
    if config.contract_enforced and (is_python(node) or config.materialized in UNCHECKED_MATERIALIZATIONS):
        what = "a Python model" if is_python(node) else f"materialized as `{config.materialized}`"
        dbt = (
            "dbt's parse fails for Python models (`Language Error: Expected 'sql' but found 'python'`)"
            if is_python(node)
            else "dbt never compares the contract with the SQL for this materialization and says nothing"
        )
        yield RULE.diagnostic(
            f"{label} enforces a contract but is {what}, where the contract has no effect",
            config_location(analysed, "contract"),
            node=analysed.unique_id,
            help=f"{dbt}; "
            + ("rewrite it as a SQL model" if is_python(node) else "materialize it as a `table`, `view` or `incremental` model")
            + ", or drop `contract.enforced`",
        )
        return
    for column, constraint in all_constraints(node):
        if not config.contract_enforced:
            yield RULE.diagnostic(
                f"{label} declares a {_described(column, constraint)} but has no enforced contract, so dbt ignores it",
                constraint.location,
                node=analysed.unique_id,
                column_name=column,
                help="dbt renders constraints only in the DDL of a model with `contract: {enforced: true}`; "
                "enforce the contract (on a `table` or `incremental` model), or use a data test instead",
            )
        elif config.materialized not in CONSTRAINED_MATERIALIZATIONS and constraint.warn_unsupported:
            yield RULE.diagnostic(
                f"{label} declares a {_described(column, constraint)} but is materialized as "
                f"`{config.materialized}`, which cannot carry constraints",
                constraint.location,
                node=analysed.unique_id,
                column_name=column,
                help="dbt warns (I068) \"Constraint types are not supported for view materializations and will be "
                "ignored\"; materialize it as a `table` or `incremental` model, or set `warn_unsupported: false` "
                "on the constraint",
            )


RULE = Rule(
    "ML105",
    "contract-no-effect",
    Severity.WARNING,
    "Contract on ephemeral/python/materialized-view/snapshot, or constraints that are silently ignored",
    check_node=check,
)
