"""ML306: a model names a group that no project of the mesh defines."""

import difflib
from collections.abc import Iterator

from meshlint.analyse.facts import AnalysedMesh, AnalysedNode
from meshlint.diagnostics import Diagnostic, Severity
from meshlint.rules.base import Rule, node_label
from meshlint.rules.ml105_contract_no_effect import config_location


def defined_groups(mesh: AnalysedMesh) -> set[str]:
    """Every group name dbt would know: all projects of the mesh and their installed packages."""
    names = set()
    for project in mesh.mesh.projects:
        for owner in (project, *project.packages):
            names.update(g.name for g in owner.groups)
    return names


def check(analysed: AnalysedNode, mesh: AnalysedMesh) -> Iterator[Diagnostic]:
    group = analysed.config.group
    if group is None or not analysed.config.enabled:
        return
    known = defined_groups(mesh)
    if group in known:
        return
    project = mesh.project(analysed.node.project)
    if project is not None and any(mesh.project(p.value) is None for p in project.dependencies.projects):
        return  # an upstream project outside the mesh may define it (its groups reach dbt through dbt-loom)
    close = difflib.get_close_matches(group, sorted(known), n=1)
    hint = f"did you mean `{close[0]}`? " if close else ""
    yield RULE.diagnostic(
        f"{node_label(analysed.node)} names group `{group}`, which no project in the mesh defines",
        config_location(analysed, "group"),
        node=analysed.unique_id,
        help=f"dbt's parse fails: \"Invalid group '{group}', expected one of {sorted(known)}\"; {hint}"
        "define the group under `groups:` or fix the name",
    )


RULE = Rule("ML306", "group-undefined", Severity.ERROR, "A model names a group that no project defines", check_node=check)
