"""ML104: a column of an enforced contract without `data_type`."""

from collections.abc import Iterator

from meshlint.analyse.facts import AnalysedMesh, AnalysedNode
from meshlint.diagnostics import Diagnostic, Severity
from meshlint.rules.base import Rule, node_label


def check(analysed: AnalysedNode, mesh: AnalysedMesh) -> Iterator[Diagnostic]:
    if not analysed.config.contract_enforced:
        return
    for column in analysed.node.columns:
        if column.data_type is None:
            yield RULE.diagnostic(
                f"Column `{column.name}` of the enforced contract of {node_label(analysed.node)} has no `data_type`",
                column.location,
                node=analysed.unique_id,
                column_name=column.name,
                help="dbt's build fails: \"Contracted models require data_type to be defined for each column\"",
            )


RULE = Rule("ML104", "contract-data-type-missing", Severity.ERROR, "A column of an enforced contract has no `data_type`", check_node=check)
