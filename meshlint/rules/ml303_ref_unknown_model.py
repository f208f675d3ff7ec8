"""ML303: a ref to a model that does not exist."""

from collections.abc import Iterator

from meshlint.analyse.facts import AnalysedMesh, AnalysedNode
from meshlint.diagnostics import Diagnostic, Severity
from meshlint.rules.base import Rule, ref_location


def check(analysed: AnalysedNode, mesh: AnalysedMesh) -> Iterator[Diagnostic]:
    for ref in analysed.refs:
        if ref.problem not in ("unknown-model", "disabled"):
            continue
        call = ref.call
        project = mesh.project(ref.project)
        if project is None:
            where = f"project `{ref.project}`, which is not part of the mesh nor declared in dependencies.yml"
        else:
            where = f"project `{ref.project}`"
        state = "is disabled" if ref.problem == "disabled" else "was not found"
        yield RULE.diagnostic(
            f"`{analysed.node.name}` refs `{call.name}` in {where}, which {state}" if project is not None
            else f"`{analysed.node.name}` refs `{call.name}` in {where}",
            ref_location(analysed, call.line),
            node=analysed.unique_id,
            target=f"model.{ref.project}.{call.name}",
            help="dbt's parse fails (TargetNotFoundError); check the model name and project",
        )


RULE = Rule("ML303", "ref-unknown-model", Severity.ERROR, "Ref to a model that does not exist (in that project)", check_node=check)
