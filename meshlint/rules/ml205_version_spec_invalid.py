"""ML205: a version's include/exclude that dbt rejects."""

from collections.abc import Iterator

from meshlint.analyse.facts import AnalysedMesh
from meshlint.diagnostics import Diagnostic, Severity
from meshlint.project.versions import version_key
from meshlint.rules.base import Rule

INCLUDE_ALL = ("all", "*")
DBT_FAILS = "dbt's parse fails with only `Field \"versions\" ... has invalid value`"


def check(mesh: AnalysedMesh) -> Iterator[Diagnostic]:
    for project in mesh.mesh.projects:
        for spec in project.specs:
            for version in spec.versions:
                uid = f"model.{project.name}.{spec.name}.v{version_key(version.v)}"
                label = f"`{spec.name}` v{version.v}"
                selections = version.include_exclude
                for extra in selections[1:]:
                    yield RULE.diagnostic(
                        f"{label} has {len(selections)} include/exclude elements in `columns`, expected at most one",
                        extra.location,
                        node=uid,
                        help=f"{DBT_FAILS} (\"version can have at most one include/exclude element\"); merge them into one",
                    )
                for selection in selections:
                    include = selection.include
                    if include is None:
                        yield RULE.diagnostic(
                            f"An include/exclude element of {label} has no `include`, expected `all`, `*` or a list of columns",
                            selection.location,
                            node=uid,
                            help="dbt's parse fails (`... is not valid under any of the given schemas`, or for "
                            "adapters without schema validation an element without `name`); add `include: all` "
                            "next to the `exclude`",
                        )
                    elif isinstance(include, str) and include not in INCLUDE_ALL:
                        yield RULE.diagnostic(
                            f"`include: {include}` of {label} is not `all`, `*` or a list of columns",
                            selection.location,
                            node=uid,
                            help=f"{DBT_FAILS} (\"include must be one of ('all', '*') or a list of strings\"); "
                            "write `include: all` or list the columns",
                        )
                    elif isinstance(include, tuple) and selection.exclude:
                        yield RULE.diagnostic(
                            f"{label} combines an `include` list with `exclude`, expected `exclude` only with `include: all` or `*`",
                            selection.exclude_location or selection.location,
                            node=uid,
                            help=f"{DBT_FAILS} (\"exclude can only be specified if include is one of ('all', '*')\"); "
                            "drop the `exclude` and leave those columns out of the `include` list",
                        )


RULE = Rule(
    "ML205",
    "version-spec-invalid",
    Severity.ERROR,
    "An include/exclude combination dbt rejects (list + exclude, two include blocks, bad value)",
    check_mesh=check,
)
