"""ML309: a cross-project ref to a versioned model without `v=`."""

from collections.abc import Iterator

from meshlint.analyse.facts import AnalysedMesh, AnalysedNode
from meshlint.diagnostics import Diagnostic, Severity
from meshlint.rules.base import Rule, ref_location


def check(analysed: AnalysedNode, mesh: AnalysedMesh) -> Iterator[Diagnostic]:
    for ref in analysed.refs:
        target, call = ref.target, ref.call
        if target is None or target.version is None or target.project == analysed.node.project:
            continue
        if call.version_given:
            continue  # `v=0` or `v=''` is unpinned too, but that is ML304's
        yield RULE.diagnostic(
            f"`{analysed.node.name}` refs `{call.name}` of project `{target.project}` without `v=`, so it reads "
            f"whichever version is latest (now v{target.version})",
            ref_location(analysed, call.line),
            node=analysed.unique_id,
            target=target.unique_id,
            help="dbt resolves an unpinned ref to `latest_version`, so this model changes when the owners release a "
            f"new version; pin it: {{{{ ref('{target.project}', '{call.name}', v={target.version!r}) }}}}",
        )


RULE = Rule("ML309", "ref-unpinned-version", Severity.INFO, "Cross-project ref to a versioned model without `v=`", check_node=check)
