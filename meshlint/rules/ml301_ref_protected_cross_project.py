"""ML301: a ref from another project (or into a restrict-access package) to a protected model."""

from collections.abc import Iterator

from meshlint.analyse.access import restricted, target_config
from meshlint.analyse.facts import AnalysedMesh, AnalysedNode
from meshlint.diagnostics import Diagnostic, Severity
from meshlint.rules.base import Rule, node_label, ref_location
from meshlint.rules.foreign_keys import foreign_key_refs


def check(analysed: AnalysedNode, mesh: AnalysedMesh) -> Iterator[Diagnostic]:
    refs = [(ref.target, ref_location(analysed, ref.call.line), "refs") for ref in analysed.refs]
    refs += [(fk.ref.target, fk.location, "has a foreign key to") for fk in foreign_key_refs(analysed, mesh)]
    for target, location, verb in refs:
        if target is None or target.resource_type != "model" or not restricted(analysed.node, target, mesh):
            continue
        if target_config(target, mesh).access != "protected":
            continue
        project = mesh.project(target.project)
        kind = "package" if project is not None and project.package_of else "project"
        yield RULE.diagnostic(
            f"`{analysed.node.name}` {verb} {node_label(target)}, which is protected to {kind} `{target.project}`",
            location,
            node=analysed.unique_id,
            target=target.unique_id,
            help=f"dbt rejects the ref (DbtReferenceError); ask the owners of `{target.project}` to make it public, or use a public model",
        )


RULE = Rule("ML301", "ref-protected-cross-project", Severity.ERROR, "Ref from another project (or into a `restrict-access` package) to a protected model", check_node=check)
