"""ML203: a declared version without a model file."""

from collections.abc import Iterator

from meshlint.analyse.facts import AnalysedMesh, AnalysedNode
from meshlint.diagnostics import Diagnostic, Severity
from meshlint.project.versions import is_latest, version_key
from meshlint.rules.base import Rule


def check(analysed: AnalysedNode, mesh: AnalysedMesh) -> Iterator[Diagnostic]:
    node = analysed.node
    version, spec = node.version_spec, node.spec
    if version is None or spec is None or node.sql is not None:
        return
    stem = version.defined_in or f"{spec.name}_v{version_key(version.v)}"
    latest = is_latest(spec, version)
    expected = f"`{stem}.sql`" + (f" or `{spec.name}.sql`" if latest and not version.defined_in else "")
    consequence = (
        "refs pinned to it and unpinned refs (it is the latest version) fail"
        if latest
        else "refs pinned to it fail"
    )
    yield RULE.diagnostic(
        f"`{spec.name}` v{version.v} has no model file: expected {expected} in project `{node.project}`",
        version.location,
        node=analysed.unique_id,
        covers=(analysed.unique_id,),
        help=f"dbt warns \"Did not find matching node for patch with name '{stem}'\" and drops the version, so "
        f"{consequence}; add the file, set `defined_in` to the file's name, or remove the version",
    )


RULE = Rule("ML203", "version-file-missing", Severity.ERROR, "A declared version has no SQL file", check_node=check)
