"""ML402: a ref to a model or version that will be deprecated soon."""

import datetime
from collections.abc import Iterator

from meshlint.analyse.facts import AnalysedMesh, AnalysedNode
from meshlint.diagnostics import Diagnostic, Severity
from meshlint.project.dates import deprecation_cutoff, deprecation_of
from meshlint.rules.base import Rule, node_label, ref_location
from meshlint.rules.deprecation import migrate_hint


def check(analysed: AnalysedNode, mesh: AnalysedMesh) -> Iterator[Diagnostic]:
    now = deprecation_cutoff(mesh.today)
    horizon = now + datetime.timedelta(days=mesh.options.deprecation_window_days)
    for ref in analysed.refs:
        target = ref.target
        deprecation = deprecation_of(target) if target is not None else None
        if target is None or deprecation is None or not now <= deprecation[0] <= horizon:
            continue
        days = (deprecation[0].date() - mesh.today).days
        yield RULE.diagnostic(
            f"`{analysed.node.name}` refs {node_label(target)}, which is slated for deprecation on "
            f"{deprecation[0].date().isoformat()} (in {days} days)",
            ref_location(analysed, ref.call.line),
            node=analysed.unique_id,
            target=target.unique_id,
            help=migrate_hint(target, "Try it out"),
        )


RULE = Rule("ML402", "ref-deprecation-upcoming", Severity.WARNING, "Ref to a model/version deprecated within `deprecation_window_days` (default 90)", check_node=check)
