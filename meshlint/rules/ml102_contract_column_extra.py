"""ML102: the SQL produces a column the contract does not declare."""

from collections.abc import Iterator

from meshlint.analyse.contracts import contract_comparison
from meshlint.analyse.facts import AnalysedMesh, AnalysedNode
from meshlint.diagnostics import Diagnostic, Severity
from meshlint.rules.base import Rule, node_label, sql_location, written_name


def check(analysed: AnalysedNode, mesh: AnalysedMesh) -> Iterator[Diagnostic]:
    comparison = contract_comparison(analysed, mesh)
    if comparison is None:
        return
    for column in comparison.extra:
        name = written_name(analysed, column.name, column.line)
        yield RULE.diagnostic(
            f"{node_label(analysed.node)} produces column `{name}`, which its contract does not declare",
            sql_location(analysed, column.line),
            node=analysed.unique_id,
            column_name=name,
            help="dbt's build fails with `missing in contract`: declare the column (with its data_type) or stop selecting it",
        )


RULE = Rule("ML102", "contract-column-extra", Severity.ERROR, "The SQL produces a column the contract does not declare", check_node=check)
