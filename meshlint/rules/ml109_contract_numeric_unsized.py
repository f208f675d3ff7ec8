"""ML109: `numeric`/`decimal`/`number` without precision and scale in an enforced contract."""

from collections.abc import Iterator

from meshlint.analyse.facts import AnalysedMesh, AnalysedNode
from meshlint.analyse.types import is_unsized_numeric
from meshlint.diagnostics import Diagnostic, Severity
from meshlint.rules.base import Rule, node_label

# What the bare type means where that is well known (semantics §2.3, §2.5).
DEFAULTS = {
    ("snowflake", "number"): "number(38,0)",
    ("snowflake", "numeric"): "number(38,0)",
    ("snowflake", "decimal"): "number(38,0)",
    ("duckdb", "numeric"): "decimal(18,3)",
    ("duckdb", "decimal"): "decimal(18,3)",
}


def check(analysed: AnalysedNode, mesh: AnalysedMesh) -> Iterator[Diagnostic]:
    if not analysed.config.enabled or not analysed.config.contract_enforced:
        return
    for column in analysed.node.columns:
        if column.data_type is None or not is_unsized_numeric(column.data_type):
            continue
        default = DEFAULTS.get((analysed.dialect or "", column.data_type.strip().lower()))
        meaning = f" (on {analysed.dialect} it means `{default}`)" if default else ""
        yield RULE.diagnostic(
            f"Column `{column.name}` of the enforced contract of {node_label(analysed.node)} is "
            f"`{column.data_type.strip()}` without precision and scale{meaning}",
            column.type_location or column.location,
            node=analysed.unique_id,
            column_name=column.name,
            help="dbt's build warns \"Detected columns with numeric type and unspecified precision/scale, this can "
            f"lead to unintended rounding: ['{column.name}']\"; give both, e.g. `numeric(18,2)`",
        )


RULE = Rule(
    "ML109",
    "contract-numeric-unsized",
    Severity.WARNING,
    "`numeric`/`decimal`/`number` without precision and scale in a contract",
    check_node=check,
)
