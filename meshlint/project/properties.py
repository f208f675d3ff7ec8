"""Property YAML files (`models:`, `sources:`, `groups:`) read into located facts. dbt YAML is
read leniently: keys meshlint does not model are ignored, malformed entries are skipped."""

from __future__ import annotations

from dataclasses import dataclass, field


from meshlint.diagnostics import Diagnostic, Location
from meshlint.project.facts import (
    ColumnSpec,
    Constraint,
    Dated,
    Group,
    IncludeExclude,
    ModelSpec,
    NamedItem,
    SourceTable,
    VersionSpec,
)
from meshlint.project.validation import property_shapes
from meshlint.project.versions import version_key
from meshlint.project.yaml_spans import (
    YamlMap,
    item_location,
    iter_mappings,
    key_location,
    plain,
    value_location,
)

# Keys dbt accepts at the top of a model entry and moves into `config`.
TOP_LEVEL_CONFIG_KEYS = ("access", "group", "contract", "meta", "docs")


@dataclass
class PropertyFile:
    models: list[ModelSpec] = field(default_factory=list)
    sources: list[SourceTable] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)  # shapes dbt rejects (validation.py)


def read_property_file(data: object, path: str, project: str) -> PropertyFile:
    from meshlint.project.shape_schema import check_property_file  # a warm run reads property files from the cache

    result = PropertyFile(problems=property_shapes(data, path) + check_property_file(data, path, _model_ids(data, project)))
    if not isinstance(data, YamlMap):
        return result
    for _, entry in iter_mappings(data.get("models")):
        spec = _model_spec(entry, path, project)
        if spec is not None:
            result.models.append(spec)
    for _, source in iter_mappings(data.get("sources")):
        result.sources.extend(_source_tables(source, path))
    for _, group in iter_mappings(data.get("groups")):
        name = group.get("name")
        if isinstance(name, str):
            result.groups.append(Group(name, project, value_location(group, "name", path)))
    return result


def _model_ids(data: object, project: str) -> dict[tuple[str, int], tuple[str, ...]]:
    """The nodes of each model entry: a shape dbt rejects there makes them unreliable (cascades.py)."""
    if not isinstance(data, YamlMap):
        return {}
    ids: dict[tuple[str, int], tuple[str, ...]] = {}
    for index, entry in iter_mappings(data.get("models")):
        name = _name(entry)
        if name is None:
            continue
        uid = f"model.{project}.{name}"
        versions = [item.get("v") for _, item in iter_mappings(entry.get("versions"))]
        ids[("models", index)] = (uid, *(f"{uid}.v{version_key(v)}" for v in versions if isinstance(v, (str, int, float))))
    return ids


def _name(entry: YamlMap) -> str | None:
    name = entry.get("name")
    return str(name) if isinstance(name, (str, int, float)) and name != "" else None


def _constraints(value: object, path: str) -> tuple[Constraint, ...]:
    result = []
    for index, item in iter_mappings(value):
        kind = item.get("type")
        columns = item.get("columns")
        result.append(
            Constraint(
                type=str(kind) if kind is not None else None,
                location=item_location(value, index, path),
                columns=tuple(str(c) for c in columns) if isinstance(columns, list) else (),
                warn_unsupported=item.get("warn_unsupported", True) is not False,
                column_items=_names(columns, path),
                to=NamedItem(to, value_location(item, "to", path)) if isinstance(to := item.get("to"), str) else None,
                name=str(item["name"]) if item.get("name") is not None else None,
                expression=str(item["expression"]) if item.get("expression") is not None else None,
                warn_unenforced=item.get("warn_unenforced", True) is not False,
                to_columns=tuple(str(c) for c in to_columns) if isinstance(to_columns := item.get("to_columns"), list) else (),
            )
        )
    return tuple(result)


def _column(entry: YamlMap, path: str) -> ColumnSpec | None:
    name = _name(entry)
    if name is None:
        return None
    data_type = entry.get("data_type")
    return ColumnSpec(
        name=name,
        location=value_location(entry, "name", path),
        data_type=str(data_type) if data_type not in (None, "") else None,
        type_location=value_location(entry, "data_type", path) if "data_type" in entry else None,
        quote=entry.get("quote") is True,
        constraints=_constraints(entry.get("constraints"), path),
    )


def _columns(value: object, path: str) -> tuple[ColumnSpec, ...]:
    columns = (_column(item, path) for _, item in iter_mappings(value))
    return tuple(c for c in columns if c is not None)


def _dated(entry: YamlMap, key: str, path: str) -> Dated | None:
    if key not in entry or entry[key] is None:
        return None
    return Dated(entry[key], value_location(entry, key, path))


def _config(entry: YamlMap, path: str) -> tuple[dict[str, object], dict[str, Location]]:
    """The entry's `config:` block plus the top-level keys dbt moves into it, with locations."""
    config: dict[str, object] = {}
    locations: dict[str, Location] = {}
    for key in TOP_LEVEL_CONFIG_KEYS:
        if key in entry:
            config[key] = plain(entry[key])
            locations[key] = value_location(entry, key, path)
    block = entry.get("config")
    if isinstance(block, YamlMap):
        for key, value in block.items():
            config[str(key)] = plain(value)
            locations[str(key)] = value_location(block, key, path)
    return config, locations


def _names(value: object, path: str) -> tuple[NamedItem, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(
        NamedItem(str(item), item_location(value, index, path)) for index, item in enumerate(value)
    )


def _include_exclude(entry: YamlMap, location: Location, path: str) -> IncludeExclude:
    include = entry.get("include")
    parsed: str | tuple[NamedItem, ...] | None
    if isinstance(include, list):
        parsed = _names(include, path)
    elif include is None:
        parsed = None
    else:
        parsed = str(include)
    exclude = entry.get("exclude")
    return IncludeExclude(
        location=location,
        include=parsed,
        include_raw=plain(include),
        exclude=_names(exclude, path),
        exclude_location=value_location(entry, "exclude", path) if "exclude" in entry else None,
    )


def _version(entry: YamlMap, index: int, versions: object, path: str) -> VersionSpec | None:
    if not isinstance(entry.get("v"), (str, int, float)):
        return None  # no version, or one dbt rejects (shape_schema.py reports it)
    value = entry["v"]
    v = value if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value)
    columns: list[ColumnSpec] = []
    selections: list[IncludeExclude] = []
    raw_columns = entry.get("columns")
    for col_index, item in iter_mappings(raw_columns):
        if "include" in item or "exclude" in item:
            selections.append(_include_exclude(item, item_location(raw_columns, col_index, path), path))
        else:
            column = _column(item, path)
            if column is not None:
                columns.append(column)
    config, config_locations = _config(entry, path)
    config.pop("access", None)  # `access` directly on a version entry is ignored by dbt
    config_locations.pop("access", None)
    block = entry.get("config")
    if isinstance(block, YamlMap) and "access" in block:
        config["access"] = plain(block["access"])
        config_locations["access"] = value_location(block, "access", path)
    access = entry.get("access")
    defined_in = entry.get("defined_in")
    return VersionSpec(
        v=v,
        location=value_location(entry, "v", path),
        defined_in=defined_in if isinstance(defined_in, str) and defined_in else None,
        columns=tuple(columns),
        include_exclude=tuple(selections),
        config=config,
        config_locations=config_locations,
        access=NamedItem(str(access), value_location(entry, "access", path)) if access is not None else None,
        deprecation_date=_dated(entry, "deprecation_date", path),
        constraints=_constraints(entry.get("constraints"), path),
    )


def _model_spec(entry: YamlMap, path: str, project: str) -> ModelSpec | None:
    name = _name(entry)
    if name is None:
        return None
    raw_versions = entry.get("versions")
    versions = [
        _version(item, index, raw_versions, path) for index, item in iter_mappings(raw_versions)
    ]
    config, config_locations = _config(entry, path)
    return ModelSpec(
        project=project,
        name=name,
        path=path,
        location=value_location(entry, "name", path),
        columns=_columns(entry.get("columns"), path),
        columns_location=key_location(entry, "columns", path) if "columns" in entry else None,
        config=config,
        config_locations=config_locations,
        versions=tuple(v for v in versions if v is not None),
        versions_location=key_location(entry, "versions", path) if "versions" in entry else None,
        latest_version=_dated(entry, "latest_version", path),
        deprecation_date=_dated(entry, "deprecation_date", path),
        constraints=_constraints(entry.get("constraints"), path),
        has_data_tests=_has_data_tests(entry),
    )


def _has_data_tests(entry: YamlMap) -> bool:
    """Whether a model entry declares a data test, on itself, a column, a version or a version's column."""
    if entry.get("data_tests") or entry.get("tests"):
        return True
    for key in ("columns", "versions"):
        if any(_has_data_tests(item) for _, item in iter_mappings(entry.get(key))):
            return True
    return False


def _source_tables(source: YamlMap, path: str) -> list[SourceTable]:
    source_name = _name(source)
    if source_name is None:
        return []
    tables = []
    for _, table in iter_mappings(source.get("tables")):
        name = _name(table)
        if name is None:
            continue
        tables.append(
            SourceTable(
                source=source_name,
                name=name,
                location=value_location(table, "name", path),
                columns=_columns(table.get("columns"), path),
                database=_optional_str(table.get("database", source.get("database"))),
                schema=_optional_str(table.get("schema", source.get("schema", source_name))),
                identifier=_optional_str(table.get("identifier")),
            )
        )
    return tables


def _optional_str(value: object) -> str | None:
    return str(value) if value is not None else None
