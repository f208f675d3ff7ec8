"""Frozen facts the load stage produces: projects, model property entries, versions, columns,
sources and groups, each with the location it was written at."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Union

from meshlint.diagnostics import Location
from meshlint.project.suppressions import FileSuppressions

# A version identifier as written in YAML: `v: 2`, `v: 1.5` or `v: beta`.
VersionValue = Union[int, float, str]
# Plain data read from YAML (config blocks, vars): scalars, lists and mappings of them.
YamlValue = object


@dataclass(frozen=True)
class Constraint:
    type: str | None
    location: Location
    columns: tuple[str, ...] = ()
    warn_unsupported: bool = True
    # The names of a model-level constraint's `columns:` list, each with its place (for ML106).
    column_items: tuple["NamedItem", ...] = ()
    # A foreign key's `to:` (a `ref()` or `source()` expression), with its place.
    to: "NamedItem | None" = None
    # The rest of what dbt compares when it looks for a removed constraint (`--base`, ML501).
    name: str | None = None
    expression: str | None = None
    warn_unenforced: bool = True
    to_columns: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    """A `columns:` entry of a model, version or source table (slotted and pickled as its constructor's
    arguments, as `Location`: a warm run unpickles every declared column)."""

    name: str
    location: Location
    data_type: str | None = None
    type_location: Location | None = None
    quote: bool = False
    constraints: tuple[Constraint, ...] = ()

    def __reduce__(self) -> tuple[type[ColumnSpec], tuple[object, ...]]:
        return type(self), (self.name, self.location, self.data_type, self.type_location, self.quote, self.constraints)


@dataclass(frozen=True)
class NamedItem:
    """A string in a YAML list, with its place (an `exclude:` entry, a `projects:` name...)."""

    value: str
    location: Location


@dataclass(frozen=True)
class IncludeExclude:
    """One `- include: ... / exclude: [...]` element of a version's `columns:` list."""

    location: Location
    include: str | tuple[NamedItem, ...] | None  # "all", "*", a list of names, or None when absent
    include_raw: YamlValue = None
    exclude: tuple[NamedItem, ...] = ()
    exclude_location: Location | None = None


@dataclass(frozen=True)
class Dated:
    """A raw YAML value with its place, for dates that are parsed (and judged) by rules."""

    raw: YamlValue
    location: Location


@dataclass(frozen=True)
class VersionSpec:
    v: VersionValue
    location: Location
    defined_in: str | None = None
    columns: tuple[ColumnSpec, ...] = ()
    include_exclude: tuple[IncludeExclude, ...] = ()
    config: Mapping[str, YamlValue] = field(default_factory=dict)
    config_locations: Mapping[str, Location] = field(default_factory=dict)
    access: NamedItem | None = None  # `access:` directly on the entry (ignored by dbt)
    deprecation_date: Dated | None = None
    constraints: tuple[Constraint, ...] = ()


@dataclass(frozen=True)
class ModelSpec:
    """One entry of a `models:` list in a property YAML file."""

    project: str
    name: str
    path: str
    location: Location
    columns: tuple[ColumnSpec, ...] = ()
    columns_location: Location | None = None
    config: Mapping[str, YamlValue] = field(default_factory=dict)
    config_locations: Mapping[str, Location] = field(default_factory=dict)
    versions: tuple[VersionSpec, ...] = ()
    versions_location: Location | None = None
    latest_version: Dated | None = None
    deprecation_date: Dated | None = None
    constraints: tuple[Constraint, ...] = ()
    # data tests (`data_tests`, or `tests`) on the model, a column or a version: dbt runs its SQL for them
    has_data_tests: bool = False


@dataclass(frozen=True)
class SourceTable:
    source: str
    name: str
    location: Location
    columns: tuple[ColumnSpec, ...] = ()
    database: str | None = None
    schema: str | None = None
    identifier: str | None = None


@dataclass(frozen=True)
class Group:
    name: str
    project: str
    location: Location


@dataclass(frozen=True)
class SqlFile:
    """A model's SQL file: its stem is the node name dbt derives from it."""

    path: str
    stem: str
    text: str


@dataclass(frozen=True)
class NodeConfig:
    """The governance-relevant config of a node after dbt's precedence (dbt_project.yml, then YAML
    `config:`, then the version's `config:`; SQL `config()` is applied after rendering)."""

    materialized: str = "view"
    access: str = "protected"
    group: str | None = None
    contract_enforced: bool = False
    on_schema_change: str | None = None
    enabled: bool = True
    raw: Mapping[str, YamlValue] = field(default_factory=dict)
    # Where each key was last set (a YAML value, a dbt_project.yml line or a SQL config() line).
    locations: Mapping[str, Location] = field(default_factory=dict)


@dataclass(frozen=True)
class ModelNode:
    """A model as dbt builds it: one per SQL file, or one per declared version."""

    unique_id: str
    project: str
    name: str
    sql: SqlFile | None
    config: NodeConfig
    spec: ModelSpec | None = None
    version_spec: VersionSpec | None = None
    # Declared columns after include/exclude and the version's own columns are applied.
    columns: tuple[ColumnSpec, ...] = ()
    # For a model known only from upstream metadata: the columns its publisher inferred
    # (name, type or None), and whether that list is complete; None when not published.
    published_columns: tuple[tuple[str, str | None], ...] | None = None
    published_closed: bool = False
    # "model", or "seed"/"snapshot": refs resolve to those too, but rules lint models only.
    resource_type: str = "model"

    @property
    def version(self) -> VersionValue | None:
        return self.version_spec.v if self.version_spec else None

    @property
    def is_versioned(self) -> bool:
        return self.version_spec is not None

    @property
    def location(self) -> Location:
        """Where the node is declared: the version entry, the YAML entry, or else its SQL file."""
        if self.version_spec is not None:
            return self.version_spec.location
        if self.spec is not None:
            return self.spec.location
        assert self.sql is not None
        return Location(self.sql.path, 1, 1)


@dataclass(frozen=True)
class Dependencies:
    path: str | None
    projects: tuple[NamedItem, ...] = ()
    packages: tuple[NamedItem, ...] = ()
    local_packages: tuple[str, ...] = ()  # absolute paths of `local:` packages


@dataclass(frozen=True)
class Project:
    name: str
    root: str
    path: str  # dbt_project.yml
    dialect: str | None
    dialect_origin: str
    vars: Mapping[str, YamlValue] = field(default_factory=dict)
    macro_paths: tuple[str, ...] = ("macros",)
    restrict_access: bool = False
    groups: tuple[Group, ...] = ()
    sources: tuple[SourceTable, ...] = ()
    specs: tuple[ModelSpec, ...] = ()
    nodes: tuple[ModelNode, ...] = ()
    dependencies: Dependencies = field(default_factory=lambda: Dependencies(None))
    macro_files: tuple[SqlFile, ...] = ()
    packages: tuple["Project", ...] = ()  # installed under dbt_packages/
    # Known only from metadata (a dbt manifest or a meshlint interface file): refs to it are
    # checked, its own models are not linted.
    external: bool = False
    # Set for an installed or local package: the project that installs it.
    package_of: str | None = None
    # Packages declared in packages.yml/dependencies.yml but not installed (no `dbt deps` yet).
    missing_packages: tuple[str, ...] = ()
    # dbt_project.yml `dispatch:`: macro namespace -> the packages to search, in order.
    dispatch: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Mesh:
    projects: tuple[Project, ...]
    # `noqa` comments by absolute file path
    suppressions: Mapping[str, "FileSuppressions"] = field(default_factory=dict)
    # Columns from dbt catalog.json files, by unique id (source.p.s.t, model.p.m)
    catalog: Mapping[str, tuple[tuple[str, str | None], ...]] = field(default_factory=dict)

    def project(self, name: str) -> Project | None:
        for project in self.projects:
            if project.name == name:
                return project
        return None
