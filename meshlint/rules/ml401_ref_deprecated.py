"""ML401: a ref to a model or version past its deprecation date."""

from collections.abc import Iterator

from meshlint.analyse.facts import AnalysedMesh, AnalysedNode
from meshlint.diagnostics import Diagnostic, Severity
from meshlint.project.dates import deprecation_cutoff, deprecation_of
from meshlint.rules.base import Rule, node_label, ref_location
from meshlint.rules.deprecation import migrate_hint


def check(analysed: AnalysedNode, mesh: AnalysedMesh) -> Iterator[Diagnostic]:
    now = deprecation_cutoff(mesh.today)
    for ref in analysed.refs:
        target = ref.target
        deprecation = deprecation_of(target) if target is not None else None
        if target is None or deprecation is None or deprecation[0] >= now:
            continue
        yield RULE.diagnostic(
            f"`{analysed.node.name}` refs {node_label(target)}, which was deprecated on {deprecation[0].date().isoformat()}",
            ref_location(analysed, ref.call.line),
            node=analysed.unique_id,
            target=target.unique_id,
            help=migrate_hint(target, "Migrate now"),
        )


RULE = Rule("ML401", "ref-deprecated", Severity.ERROR, "Ref to a model/version past its `deprecation_date` (dbt only warns; a CI gate fails)", check_node=check)
