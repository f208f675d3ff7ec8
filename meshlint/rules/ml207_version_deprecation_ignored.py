"""ML207: a model-level `deprecation_date` on a versioned model, which no version inherits."""

from collections.abc import Iterator

from meshlint.analyse.facts import AnalysedMesh
from meshlint.diagnostics import Diagnostic, Severity
from meshlint.rules.base import Rule


def check(mesh: AnalysedMesh) -> Iterator[Diagnostic]:
    for project in mesh.mesh.projects:
        for spec in project.specs:
            if not spec.versions or spec.deprecation_date is None:
                continue
            undated = [f"v{v.v}" for v in spec.versions if v.deprecation_date is None]
            if undated:
                state = f"{', '.join(undated)} {'has' if len(undated) == 1 else 'have'} no deprecation date"
            else:
                state = "every version has its own"
            yield RULE.diagnostic(
                f"`deprecation_date` of versioned model `{spec.name}` has no effect: versions do not inherit it ({state})",
                spec.deprecation_date.location,
                node=f"model.{project.name}.{spec.name}",
                help="dbt reads `deprecation_date` per version only and drops the model-level one silently, so no "
                "consumer is warned; move it onto the versions you mean to deprecate",
            )


RULE = Rule(
    "ML207",
    "version-deprecation-ignored",
    Severity.WARNING,
    "A model-level `deprecation_date` on a versioned model has no effect (versions do not inherit it)",
    check_mesh=check,
)
