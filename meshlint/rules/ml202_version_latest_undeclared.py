"""ML202: `latest_version` is not one of the declared versions."""

from collections.abc import Iterator

from meshlint.analyse.facts import AnalysedMesh
from meshlint.diagnostics import Diagnostic, Severity
from meshlint.project.versions import same_version
from meshlint.rules.base import Rule


def check(mesh: AnalysedMesh) -> Iterator[Diagnostic]:
    for project in mesh.mesh.projects:
        for spec in project.specs:
            if spec.latest_version is None or not spec.versions:
                continue
            latest = spec.latest_version.raw
            declared = [v.v for v in spec.versions]
            # dbt compares with Python `in`: `"2"` is not `2`, but `2.0` is
            if any(same_version(latest, v) for v in declared):
                continue
            same_text = [v for v in declared if str(v) == str(latest)]
            hint = (
                f"`{latest!r}` and `{same_text[0]!r}` differ in type: write them the same way"
                if same_text
                else "set it to one of the `v:` values, or add that version"
            )
            yield RULE.diagnostic(
                f"`latest_version: {latest!r}` of `{spec.name}` is not one of its versions: {declared}",
                spec.latest_version.location,
                node=f"model.{project.name}.{spec.name}",
                help=f"dbt's parse fails; {hint}",
            )


RULE = Rule("ML202", "version-latest-undeclared", Severity.ERROR, "`latest_version` is not one of the declared versions", check_mesh=check)
