"""ML108: a contracted incremental model whose `on_schema_change` dbt rejects."""

from collections.abc import Iterator

from meshlint.analyse.facts import AnalysedMesh, AnalysedNode
from meshlint.diagnostics import Diagnostic, Severity
from meshlint.rules.base import Rule, node_label
from meshlint.rules.ml105_contract_no_effect import config_location

ALLOWED = ("append_new_columns", "fail")


def check(analysed: AnalysedNode, mesh: AnalysedMesh) -> Iterator[Diagnostic]:
    config = analysed.config
    if not config.enabled or not config.contract_enforced or config.materialized != "incremental":
        return
    value = config.on_schema_change if config.on_schema_change is not None else "ignore"
    if value in ALLOWED:
        return
    written = "is `ignore` (the default)" if config.on_schema_change is None else f"is `{value}`"
    yield RULE.diagnostic(
        f"{node_label(analysed.node)} is incremental with an enforced contract, but its `on_schema_change` {written}, "
        "expected `append_new_columns` or `fail`",
        config_location(analysed, "on_schema_change", "materialized", "contract"),
        node=analysed.unique_id,
        help=f"dbt's parse fails: \"Invalid value for on_schema_change: {value}. Models materialized as incremental "
        "with contracts enabled must set on_schema_change to 'append_new_columns' or 'fail'\"; set one of them",
    )


RULE = Rule(
    "ML108",
    "contract-incremental-schema-change",
    Severity.ERROR,
    "Contracted incremental model without `on_schema_change: append_new_columns` or `fail`",
    check_node=check,
)
