"""ML303: a ref to a model that does not exist."""

from collections.abc import Iterator

from meshlint.analyse.facts import AnalysedMesh, AnalysedNode
from meshlint.diagnostics import Diagnostic, Severity
from meshlint.rules.base import Rule, ref_location


def check(analysed: AnalysedNode, mesh: AnalysedMesh) -> Iterator[Diagnostic]:
    seen: set[tuple[str, str]] = set()
    for ref in analysed.refs:
        if ref.problem not in ("unknown-model", "disabled"):
            continue
        call = ref.call
        if (ref.project, call.name) in seen:
            continue  # one finding per missing model, at its first ref: dbt stops at the first
        seen.add((ref.project, call.name))
        if mesh.project(ref.project) is None:
            message = (
                f"`{analysed.node.name}` refs `{call.name}` in project `{ref.project}`, "
                "which is not part of the mesh nor declared in dependencies.yml"
            )
        else:
            state = "is disabled" if ref.problem == "disabled" else "was not found"
            message = f"`{analysed.node.name}` refs `{call.name}` in project `{ref.project}`, which {state}"
        yield RULE.diagnostic(
            message,
            ref_location(analysed, call.line),
            node=analysed.unique_id,
            target=f"model.{ref.project}.{call.name}",
            help="dbt's parse fails (TargetNotFoundError); check the model name and project",
        )


RULE = Rule("ML303", "ref-unknown-model", Severity.ERROR, "Ref to a model that does not exist (in that project)", check_node=check)
