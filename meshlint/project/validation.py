"""Shapes dbt's parse rejects (ML001): not-a-date deprecation dates, access values other than private,
protected and public, and property-file shapes (`tests` with `data_tests`, keys both at the top of a
model and in its `config:`)."""

from __future__ import annotations

from meshlint.diagnostics import Diagnostic, Location
from meshlint.project.dates import parse_deprecation_date
from meshlint.project.facts import Group, ModelNode, ModelSpec
from meshlint.project.yaml_spans import YamlMap, iter_mappings, key_location
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


# Keys of a model entry dbt moves into `config:`; present in both places, its parse fails.
NORMALIZED_KEYS = ("access", "group", "contract", "meta", "docs")


def property_shapes(data: object, path: str) -> list[Diagnostic]:
    """Shapes of a property file that dbt's parse rejects, each at its key with the key path:
    `tests` next to `data_tests` (on a model, a column or a version), a key both at the top of a model
    entry and in its `config:`. The other shapes dbt rejects are checked by shape_schema.py.

    >>> from meshlint.project.yaml_spans import load_yaml
    >>> data, _ = load_yaml("m.yml", "models:\\n  - name: m\\n    meta: {a: 1}\\n    config: {meta: {b: 2}}\\n"
    ...                    "    columns:\\n      - name: id\\n        data_tests: [unique]\\n        tests: [not_null]\\n")
    >>> [(d.location.line, d.message) for d in property_shapes(data, "m.yml")]  # doctest: +NORMALIZE_WHITESPACE
    [(3, '`models[0].meta` of `m` is also set in its `config:`, expected one of the two'),
     (8, "Invalid test config: cannot have both 'tests' and 'data_tests' defined (at `models[0].columns[0].tests`)")]
    """
    found: list[Diagnostic] = []
    if not isinstance(data, YamlMap):
        return found
    for index, model in iter_mappings(data.get("models")):
        where = f"models[{index}]"
        name = model.get("name")
        config = model.get("config")
        for key in NORMALIZED_KEYS:
            if key in model and isinstance(config, YamlMap) and key in config:
                found.append(
                    YAML_INVALID.diagnostic(
                        f"`{where}.{key}` of `{name}` is also set in its `config:`, expected one of the two",
                        key_location(model, key, path),
                        help=f"dbt's parse fails (\"found {key} dictionary in 'config' dictionary and as top-level key\"); "
                        "keep it under `config:` only",
                    )
                )
        found += _both_test_keys(model, where, path)
        for column_index, column in iter_mappings(model.get("columns")):
            found += _both_test_keys(column, f"{where}.columns[{column_index}]", path)
        for version_index, version in iter_mappings(model.get("versions")):
            version_where = f"{where}.versions[{version_index}]"
            found += _both_test_keys(version, version_where, path)
            for column_index, column in iter_mappings(version.get("columns")):
                found += _both_test_keys(column, f"{version_where}.columns[{column_index}]", path)
    for key in ("sources", "seeds", "snapshots"):
        for index, entry in iter_mappings(data.get(key)):
            if key != "sources":  # a source takes neither key (shape_schema.py reports them)
                found += _both_test_keys(entry, f"{key}[{index}]", path)
            for column_index, column in iter_mappings(entry.get("columns")):
                found += _both_test_keys(column, f"{key}[{index}].columns[{column_index}]", path)
            for table_index, table in iter_mappings(entry.get("tables") if key == "sources" else None):
                where = f"{key}[{index}].tables[{table_index}]"
                found += _both_test_keys(table, where, path)
                for column_index, column in iter_mappings(table.get("columns")):
                    found += _both_test_keys(column, f"{where}.columns[{column_index}]", path)
    return found


def _both_test_keys(entry: YamlMap, where: str, path: str) -> list[Diagnostic]:
    if not entry.get("tests") or "data_tests" not in entry:
        return []
    return [
        YAML_INVALID.diagnostic(
            f"Invalid test config: cannot have both 'tests' and 'data_tests' defined (at `{where}.tests`)",
            key_location(entry, "tests", path),
            help="dbt's parse fails (YamlParseDictError); move the tests under `data_tests` (`tests` is its old name)",
        )
    ]



def duplicate_groups(groups: list[Group]) -> list[Diagnostic]:
    """dbt's parse rejects two groups of one project with the same name (DuplicateResourceNameError)."""
    seen: dict[str, Group] = {}
    found = []
    for group in groups:
        first = seen.setdefault(group.name, group)
        if first is not group:
            found.append(
                YAML_INVALID.diagnostic(
                    f"Group `{group.name}` is defined twice (first at {first.location.path}:{first.location.line})",
                    group.location,
                    help="dbt's parse fails (\"dbt found two groups with the name\"); rename or remove one of them",
                )
            )
    return found
