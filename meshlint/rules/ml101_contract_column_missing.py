"""ML101: a contract column the SQL does not produce."""

from collections.abc import Iterator

from meshlint.analyse.contracts import contract_comparison
from meshlint.analyse.facts import AnalysedMesh, AnalysedNode
from meshlint.diagnostics import Diagnostic, Severity
from meshlint.rules.base import Rule, node_label


def check(analysed: AnalysedNode, mesh: AnalysedMesh) -> Iterator[Diagnostic]:
    comparison = contract_comparison(analysed, mesh)
    if comparison is None:
        return
    for column in comparison.missing:
        yield RULE.diagnostic(
            f"Contract column `{column.name}` is not produced by {node_label(analysed.node)}",
            column.location,
            node=analysed.unique_id,
            column_name=column.name,
            help="dbt's build fails with `missing in definition`: select the column in the SQL, or remove it from the contract in a new version",
        )


RULE = Rule("ML101", "contract-column-missing", Severity.ERROR, "A contract column is not produced by the SQL", check_node=check)
