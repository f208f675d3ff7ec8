"""Shapes dbt's parse rejects that meshlint models: not-a-date deprecation dates and access values
other than private, protected and public (ML001)."""

from __future__ import annotations

from meshlint.diagnostics import Diagnostic, Location
from meshlint.project.dates import parse_deprecation_date
from meshlint.project.facts import ModelNode, ModelSpec
from meshlint.rules.input_failures import YAML_INVALID


def invalid_dates(specs: list[ModelSpec]) -> list[Diagnostic]:
    """dbt's parse rejects a `deprecation_date` that is not a date."""
    dated = [(spec.name, None, spec.deprecation_date) for spec in specs]
    dated += [(spec.name, v.v, v.deprecation_date) for spec in specs for v in spec.versions]
    return [
        YAML_INVALID.diagnostic(
            f"`deprecation_date: {value.raw}` of `{name}`{f' v{v}' if v is not None else ''} is not a date",
            value.location,
            help="dbt's parse fails (InvalidFieldValue); write YYYY-MM-DD, optionally with a time and offset",
        )
        for name, v, value in dated
        if value is not None and parse_deprecation_date(value.raw) is None
    ]


ACCESS_VALUES = ("private", "protected", "public")


def invalid_access(nodes: tuple[ModelNode, ...], project_path: str) -> list[Diagnostic]:
    """dbt's parse rejects an `access` that is not private, protected or public."""
    found: dict[Location, str] = {}
    for node in nodes:
        value = node.config.raw.get("access")
        if value is not None and value not in ACCESS_VALUES:
            location = node.config.locations.get("access", Location(project_path, 1, 1))
            found.setdefault(location, f"Node {node.unique_id} has an invalid value ({value}) for the access field")
    return [
        YAML_INVALID.diagnostic(message, location, help="dbt's parse fails; use one of: private, protected, public")
        for location, message in found.items()
    ]
