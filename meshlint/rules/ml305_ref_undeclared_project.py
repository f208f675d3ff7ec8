"""ML305: a cross-project ref to a project missing from dependencies.yml."""

from collections.abc import Iterator

from meshlint.analyse.facts import AnalysedMesh, AnalysedNode
from meshlint.diagnostics import Diagnostic, Severity
from meshlint.rules.base import Rule, ref_location


def check(analysed: AnalysedNode, mesh: AnalysedMesh) -> Iterator[Diagnostic]:
    for ref in analysed.refs:
        if ref.problem != "undeclared-project":
            continue
        yield RULE.diagnostic(
            f"`{analysed.node.name}` refs `{ref.call.name}` in project `{ref.project}`, which `{analysed.node.project}` does not declare in dependencies.yml",
            ref_location(analysed, ref.call.line),
            node=analysed.unique_id,
            target=ref.target.unique_id if ref.target else None,
            help=f"add `projects: [{{name: {ref.project}}}]` to dependencies.yml; without it dbt cannot resolve the ref",
        )


RULE = Rule("ML305", "ref-undeclared-project", Severity.ERROR, "Cross-project ref to a project missing from `dependencies.yml`", check_node=check)
