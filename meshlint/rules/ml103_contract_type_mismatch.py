"""ML103: an inferred column type the adapter's contract check would reject."""

from collections.abc import Iterator

from meshlint.analyse.contracts import contract_comparison
from meshlint.analyse.facts import AnalysedMesh, AnalysedNode
from meshlint.analyse.types import display_type, rejected_by_warehouse
from meshlint.diagnostics import Diagnostic, Severity
from meshlint.rules.base import Rule, node_label


def check(analysed: AnalysedNode, mesh: AnalysedMesh) -> Iterator[Diagnostic]:
    comparison = contract_comparison(analysed, mesh)
    if comparison is None:
        return
    dialect = analysed.dialect or ""
    for declared in analysed.node.columns:
        if declared.data_type and rejected_by_warehouse(dialect, declared.data_type):
            yield RULE.diagnostic(
                f"Column `{declared.name}` of {node_label(analysed.node)} is declared `{declared.data_type}`, "
                f"which is not a {dialect} type",
                declared.type_location or declared.location,
                node=analysed.unique_id,
                column_name=declared.name,
                help=f"dbt's build fails casting the contract's columns on {dialect}; use a {dialect} type name",
            )
    for mismatch in comparison.mismatched:
        declared = mismatch.declared
        assert mismatch.inferred.type is not None and declared.data_type is not None
        yield RULE.diagnostic(
            f"Column `{declared.name}` is `{display_type(dialect, mismatch.inferred.type)}` in the SQL of "
            f"{node_label(analysed.node)} but `{declared.data_type}` in the contract",
            declared.type_location or declared.location,
            node=analysed.unique_id,
            column_name=declared.name,
            help=f"dbt's build on {dialect} fails with `data type mismatch`: cast the column in the SQL or change the contract's data_type",
        )


RULE = Rule("ML103", "contract-type-mismatch", Severity.ERROR, "The inferred type differs from `data_type` in a way the adapter rejects", check_node=check)
