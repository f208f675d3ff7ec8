"""ML209: an unversioned model named like a versioned one in the same project."""

from collections.abc import Iterator

from meshlint.analyse.facts import AnalysedMesh, AnalysedNode
from meshlint.diagnostics import Diagnostic, Location, Severity
from meshlint.rules.base import Rule


def check(analysed: AnalysedNode, mesh: AnalysedMesh) -> Iterator[Diagnostic]:
    node = analysed.node
    if node.version_spec is not None or node.spec is not None or node.sql is None:
        return
    project = mesh.project(node.project)
    spec = next((s for s in project.specs if s.name == node.name and s.versions), None) if project else None
    if spec is None:
        return
    versions = ", ".join(f"v{v.v}" for v in spec.versions)
    quoted = f'"{node.name}"'
    yield RULE.diagnostic(
        f"`{node.name}` is an unversioned model, but project `{node.project}` also declares `{node.name}` "
        f"with versions {versions}",
        Location(node.sql.path, 1, 1),
        node=analysed.unique_id,
        covers=(analysed.unique_id,),
        help=f"dbt's parse fails: `dbt found versioned and unversioned models with the name {quoted}`; "
        "rename this file, or make it a version (`defined_in`)",
    )


RULE = Rule("ML209", "version-name-conflict", Severity.ERROR, "An unversioned model has the same name as a versioned one", check_node=check)
