"""ML208: the same version declared twice."""

from collections.abc import Iterator

from meshlint.analyse.facts import AnalysedMesh
from meshlint.diagnostics import Diagnostic, Severity
from meshlint.project.facts import VersionSpec
from meshlint.project.versions import version_key
from meshlint.rules.base import Rule


def check(mesh: AnalysedMesh) -> Iterator[Diagnostic]:
    for project in mesh.mesh.projects:
        for spec in project.specs:
            first: dict[str, VersionSpec] = {}
            for version in spec.versions:
                key = version_key(version.v)
                earlier = first.setdefault(key, version)
                if earlier is version:
                    continue
                yield RULE.diagnostic(
                    f"`{spec.name}` declares version {version.v!r} again (first as {earlier.v!r} on line "
                    f"{earlier.location.line}), expected each version once",
                    version.location,
                    node=f"model.{project.name}.{spec.name}",
                    help=f"dbt's parse fails: \"Found duplicate version: '{key}' in versions list of model "
                    f"'{spec.name}'\" (versions are compared as text, so `2` and `\"2\"` clash); remove or renumber one",
                )


RULE = Rule("ML208", "version-duplicate", Severity.ERROR, "The same version declared twice", check_mesh=check)
