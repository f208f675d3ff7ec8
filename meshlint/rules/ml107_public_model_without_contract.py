"""ML107: a public model without an enforced contract."""

from collections.abc import Iterator

from meshlint.analyse.facts import AnalysedMesh, AnalysedNode
from meshlint.diagnostics import Diagnostic, Severity
from meshlint.rules.base import Rule, node_label
from meshlint.rules.ml105_contract_no_effect import config_location, is_python


def check(analysed: AnalysedNode, mesh: AnalysedMesh) -> Iterator[Diagnostic]:
    config = analysed.config
    # A public ephemeral model is ML310's: no contract could help it.
    if not config.enabled or config.access != "public" or config.contract_enforced or config.materialized == "ephemeral":
        return
    if is_python(analysed.node):
        remedy = "dbt cannot enforce a contract on a Python model: expose a contracted SQL model over it instead, or make it protected"
    else:
        remedy = "set `contract: {enforced: true}` and declare every column with its `data_type`"
    yield RULE.diagnostic(
        f"{node_label(analysed.node)} is public but its contract is not enforced",
        config_location(analysed, "access"),
        node=analysed.unique_id,
        help=f"any project may ref a public model, and without a contract dbt lets its columns and types change "
        f"under them unchecked; {remedy}",
    )


RULE = Rule("ML107", "public-model-without-contract", Severity.WARNING, "A public model has no enforced contract", check_node=check)
