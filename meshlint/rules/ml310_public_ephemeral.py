"""ML310: a public ephemeral model."""

from collections.abc import Iterator

from meshlint.analyse.facts import AnalysedMesh, AnalysedNode
from meshlint.diagnostics import Diagnostic, Severity
from meshlint.rules.base import Rule, node_label
from meshlint.rules.ml105_contract_no_effect import config_location


def check(analysed: AnalysedNode, mesh: AnalysedMesh) -> Iterator[Diagnostic]:
    config = analysed.config
    if not config.enabled or config.access != "public" or config.materialized != "ephemeral":
        return
    yield RULE.diagnostic(
        f"{node_label(analysed.node)} is public but materialized as `ephemeral`, expected a relation other projects can read",
        config_location(analysed, "access"),
        node=analysed.unique_id,
        help=f"dbt's parse fails: \"Node {analysed.unique_id} with 'ephemeral' materialization has an invalid value "
        "(public) for the access field\"; materialize it as a `view` or `table`, or make it protected",
    )


RULE = Rule("ML310", "public-ephemeral", Severity.ERROR, "An ephemeral model cannot be public", check_node=check)
