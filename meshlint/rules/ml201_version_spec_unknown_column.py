"""ML201: a version's include/exclude names a column the model does not declare."""

from collections.abc import Iterator

from meshlint.analyse.facts import AnalysedMesh
from meshlint.diagnostics import Diagnostic, Severity
from meshlint.project.versions import unknown_selection_names, version_key
from meshlint.rules.base import Rule


def check(mesh: AnalysedMesh) -> Iterator[Diagnostic]:
    for project in mesh.mesh.projects:
        for spec in project.specs:
            if not spec.versions:
                continue  # (its columns need not be read: a warm run leaves most of them pickled)
            declared = sorted(c.name for c in spec.columns)
            for version in spec.versions:
                uid = f"model.{project.name}.{spec.name}.v{version_key(version.v)}"
                for key, item in unknown_selection_names(spec, version):
                    yield RULE.diagnostic(
                        f"`{key}` of `{spec.name}` v{version.v} names `{item.value}`, which is not a column of the model",
                        item.location,
                        node=uid,
                        column_name=item.value,
                        help="dbt ignores unknown names here silently, so the version keeps a column you meant to "
                        + ("drop" if key == "exclude" else "keep")
                        + "; known columns: "
                        + ", ".join(f"`{n}`" for n in declared),
                    )


RULE = Rule("ML201", "version-spec-unknown-column", Severity.ERROR, "A version's `include`/`exclude` names a column the model does not declare", check_mesh=check)
