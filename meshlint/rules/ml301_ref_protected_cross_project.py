"""ML301: a ref from another project (or into a restrict-access package) to a protected model."""

from collections.abc import Iterator

from meshlint.analyse.facts import AnalysedMesh, AnalysedNode
from meshlint.diagnostics import Diagnostic, Severity
from meshlint.rules.base import Rule, node_label, ref_location


def check(analysed: AnalysedNode, mesh: AnalysedMesh) -> Iterator[Diagnostic]:
    for ref in analysed.refs:
        target = ref.target
        if target is None or target.project == analysed.node.project:
            continue
        target_config = mesh.by_id[target.unique_id].config if target.unique_id in mesh.by_id else target.config
        if target_config.access != "protected":
            continue
        yield RULE.diagnostic(
            f"`{analysed.node.name}` refs {node_label(target)}, which is protected to project `{target.project}`",
            ref_location(analysed, ref.call.line),
            node=analysed.unique_id,
            target=target.unique_id,
            help=f"dbt rejects the ref (DbtReferenceError); ask the owners of `{target.project}` to make it public, or use a public model",
        )


RULE = Rule("ML301", "ref-protected-cross-project", Severity.ERROR, "Ref from another project (or into a `restrict-access` package) to a protected model", check_node=check)
