"""ML307: a private model without a group, which nothing may reference."""

from collections.abc import Iterator

from meshlint.analyse.facts import AnalysedMesh, AnalysedNode
from meshlint.diagnostics import Diagnostic, Severity
from meshlint.rules.base import Rule, node_label
from meshlint.rules.ml105_contract_no_effect import config_location


def check(analysed: AnalysedNode, mesh: AnalysedMesh) -> Iterator[Diagnostic]:
    config = analysed.config
    if not config.enabled or config.access != "private" or config.group is not None:
        return
    yield RULE.diagnostic(
        f"{node_label(analysed.node)} is private but belongs to no group, so nothing may reference it",
        config_location(analysed, "access"),
        node=analysed.unique_id,
        help="dbt rejects every ref to it (\"... is private to the '' group\"); put it in a group (`group:`) "
        "with the models that read it, or make it protected",
    )


RULE = Rule(
    "ML307",
    "private-model-without-group",
    Severity.WARNING,
    "A private model with no group cannot be referenced by anything",
    check_node=check,
)
