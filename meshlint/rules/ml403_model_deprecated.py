"""ML403: a model or version past its own deprecation date is still defined."""

from collections.abc import Iterator

from meshlint.analyse.facts import AnalysedMesh, AnalysedNode
from meshlint.diagnostics import Diagnostic, Severity
from meshlint.project.dates import deprecation_cutoff, deprecation_of
from meshlint.rules.base import Rule, node_label


def check(analysed: AnalysedNode, mesh: AnalysedMesh) -> Iterator[Diagnostic]:
    deprecation = deprecation_of(analysed.node)
    if deprecation is None or deprecation[0] >= deprecation_cutoff(mesh.today):
        return
    when, dated = deprecation
    yield RULE.diagnostic(
        f"{node_label(analysed.node)} has passed its deprecation date of {when.isoformat()}",
        dated.location,
        node=analysed.unique_id,
        help="dbt warns on every parse: this model should be disabled or removed",
    )


RULE = Rule("ML403", "model-deprecated", Severity.WARNING, "A model/version past its own `deprecation_date` is still defined", check_node=check)
