"""ML110: an enforced contract on a model that declares no columns."""

from collections.abc import Iterator

from meshlint.analyse.facts import AnalysedMesh, AnalysedNode
from meshlint.diagnostics import Diagnostic, Severity
from meshlint.rules.base import Rule, node_label
from meshlint.rules.ml105_contract_no_effect import config_location


def check(analysed: AnalysedNode, mesh: AnalysedMesh) -> Iterator[Diagnostic]:
    node = analysed.node
    if not analysed.config.enabled or not analysed.config.contract_enforced or node.columns:
        return
    if node.version_spec is not None and node.spec is not None and node.spec.columns:
        where = "the version's `include`/`exclude` leaves none"
        dbt = "dbt's parse fails: \"Contract enforcement failed ... Constraints must be defined in a `yml` schema configuration file\""
    elif node.spec is not None:
        where = "its YAML entry has no `columns`"
        dbt = "dbt's parse fails: \"Contract enforcement failed ... Constraints must be defined in a `yml` schema configuration file\""
    else:
        where = "it has no YAML entry"
        dbt = "dbt's build fails: \"This model has an enforced contract, and its 'columns' specification is missing\""
    yield RULE.diagnostic(
        f"{node_label(node)} enforces a contract but declares no columns: {where}",
        config_location(analysed, "contract"),
        node=analysed.unique_id,
        help=f"{dbt}; list every column the SQL produces, with its `data_type`",
    )


RULE = Rule("ML110", "contract-without-columns", Severity.ERROR, "An enforced contract whose model declares no columns", check_node=check)
