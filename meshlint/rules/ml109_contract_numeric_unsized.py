"""ML109: `numeric`/`decimal`/`number` without precision and scale in an enforced contract."""

from collections.abc import Iterator

from sqlglot import exp

from meshlint.analyse.columns import match_key
from meshlint.analyse.facts import AnalysedMesh, AnalysedNode
from meshlint.analyse.identifiers import warehouse_name
from meshlint.analyse.types import is_unsized_numeric
from meshlint.diagnostics import Diagnostic, Location, Severity
from meshlint.project.facts import ColumnSpec
from meshlint.rules.base import Rule, node_label

# What the bare type means where that is well known (semantics §2.3, §2.5).
DEFAULTS = {
    ("snowflake", "number"): "number(38,0)",
    ("snowflake", "numeric"): "number(38,0)",
    ("snowflake", "decimal"): "number(38,0)",
    ("duckdb", "numeric"): "decimal(18,3)",
    ("duckdb", "decimal"): "decimal(18,3)",
}


def _whole_numbers(analysed: AnalysedNode, column: ColumnSpec) -> bool:
    """The SQL is known to produce whole numbers here, so no value can be rounded."""
    if analysed.columns is None or analysed.dialect is None:
        return False
    key = match_key(warehouse_name(column.name, analysed.dialect, column.quote), analysed.dialect)
    produced = analysed.columns.by_key(analysed.dialect).get(key)
    data_type = produced.type if produced is not None else None
    if data_type is None:
        return False
    if data_type.is_type(*exp.DataType.INTEGER_TYPES):
        return True
    scale = data_type.expressions[1] if data_type.is_type(exp.DataType.Type.DECIMAL) and len(data_type.expressions) == 2 else None
    return scale is not None and scale.sql() == "0"


def check(mesh: AnalysedMesh) -> Iterator[Diagnostic]:
    # A column declared once for a versioned model is reported once, on the model.
    at_risk: dict[Location, list[tuple[AnalysedNode, ColumnSpec]]] = {}
    for analysed in mesh.nodes:
        if not analysed.config.enabled or not analysed.config.contract_enforced:
            continue
        for column in analysed.node.columns:
            if column.data_type is not None and is_unsized_numeric(column.data_type) and not _whole_numbers(analysed, column):
                at_risk.setdefault(column.type_location or column.location, []).append((analysed, column))
    for location, uses in at_risk.items():
        analysed, column = uses[0]
        node = analysed.node
        shared = len(uses) > 1 and node.is_versioned
        default = DEFAULTS.get((analysed.dialect or "", column.data_type.strip().lower()))  # type: ignore[union-attr]
        meaning = f" (on {analysed.dialect} it means `{default}`)" if default else ""
        owner = f"`{node.name}`" if shared else node_label(node)
        yield RULE.diagnostic(
            f"Column `{column.name}` of the enforced contract of {owner} is "
            f"`{column.data_type.strip()}` without precision and scale{meaning}",  # type: ignore[union-attr]
            location,
            node=f"model.{node.project}.{node.name}" if shared else analysed.unique_id,
            column_name=column.name,
            help="dbt's build warns \"Detected columns with numeric type and unspecified precision/scale, this can "
            f"lead to unintended rounding: ['{column.name}']\"; give both, e.g. `numeric(18,2)`",
        )


RULE = Rule(
    "ML109",
    "contract-numeric-unsized",
    Severity.WARNING,
    "`numeric`/`decimal`/`number` without precision and scale in a contract",
    check_mesh=check,
)
