"""Frozen facts the load stage produces: projects, model property entries, versions, columns,
sources and groups, each with the location it was written at."""

from __future__ import annotations

import pickle
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple, Union

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

    def __reduce__(self) -> tuple[object, ...]:
        """Pickled with its columns as a pickle of their own, unpickled when first read (see `_DeferredColumns`)."""
        return _reduce_deferring_columns(self)


class ColumnsOutline(NamedTuple):
    """What the analysis of every model asks of its declared columns, known without reading them."""

    jinja_types: bool  # a `data_type` holds Jinja (rendered before analysis)
    constraints: bool  # a column has constraints (a foreign key among them adds a ref)

    @classmethod
    def of(cls, columns: tuple[ColumnSpec, ...]) -> ColumnsOutline:
        return cls(
            any(isinstance(c.data_type, str) and ("{{" in c.data_type or "{%" in c.data_type) for c in columns),
            any(c.constraints for c in columns),
        )


_COLUMNS_PICKLE = "_columns_pickle"
_COLUMNS_OUTLINE = "_columns_outline"


def _reduce_deferring_columns(instance: ModelSpec | SourceTable) -> tuple[object, ...]:
    state = dict(instance.__dict__)
    blob = state.pop(_COLUMNS_PICKLE, None)
    outline = state.pop(_COLUMNS_OUTLINE, None)
    if blob is None:
        columns = state.pop("columns")
        blob = pickle.dumps(columns, protocol=pickle.HIGHEST_PROTOCOL)
        outline = ColumnsOutline.of(columns)
    return _deferred_columns, (type(instance), state, blob, outline)


def _deferred_columns(cls: type[object], state: dict[str, object], blob: bytes, outline: ColumnsOutline) -> object:
    instance = object.__new__(cls)
    instance.__dict__.update(state)
    instance.__dict__[_COLUMNS_PICKLE] = blob
    instance.__dict__[_COLUMNS_OUTLINE] = outline
    return instance


class _DeferredColumns:
    """`ModelSpec.columns` (and `SourceTable.columns`) of one read from the cache: unpickled when first read. A warm run after a small
    edit loads every property file from the cache, and most of its objects are columns (a 5,000-model
    project declares 100,000) of models it does not re-check; building them was a third of its time.
    Reading the attribute always gives the same tuple as a spec built from the YAML holds.

    Only consulted when the instance has no `columns` of its own (a non-data descriptor): a spec built
    by its constructor has them in its `__dict__`."""

    def __get__(self, instance: ModelSpec | SourceTable | None, owner: type | None = None) -> tuple[ColumnSpec, ...]:
        if instance is None:
            return ()  # the field's default, as the class attribute was
        state = instance.__dict__
        columns = state.get("columns")
        if columns is None:
            columns = state["columns"] = pickle.loads(state[_COLUMNS_PICKLE])  # noqa: S301 (pickled by __reduce__)
            del state[_COLUMNS_PICKLE], state[_COLUMNS_OUTLINE]
        return columns  # type: ignore[no-any-return]


ModelSpec.columns = _DeferredColumns()  # type: ignore[assignment,misc]


def columns_outline(node: ModelNode) -> ColumnsOutline:
    """`ColumnsOutline.of(node.columns)`, without unpickling columns that are not read yet."""
    spec = node.spec
    if "columns" not in node.__dict__ and spec is not None and _COLUMNS_OUTLINE in spec.__dict__:
        return spec.__dict__[_COLUMNS_OUTLINE]  # type: ignore[no-any-return]
    return ColumnsOutline.of(node.columns)


@dataclass(frozen=True)
class SourceTable:
    source: str
    name: str
    location: Location
    columns: tuple[ColumnSpec, ...] = ()
    database: str | None = None
    schema: str | None = None
    identifier: str | None = None

    def __reduce__(self) -> tuple[object, ...]:
        """As `ModelSpec`'s: its columns unpickled when first read."""
        return _reduce_deferring_columns(self)


SourceTable.columns = _DeferredColumns()  # type: ignore[assignment,misc]


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

    def with_spec_columns(self) -> ModelNode:
        """This node (just built, not yet shared) with its declared columns read from its spec when first used:
        an unversioned model's are its spec's, and reading them may unpickle them (`_DeferredColumns`)."""
        assert self.spec is not None and self.version_spec is None
        self.__dict__.pop("columns", None)
        return self


class _SpecColumns:
    """`ModelNode.columns` of a node built `with_spec_columns`: its spec's, read when first used."""

    def __get__(self, instance: ModelNode | None, owner: type | None = None) -> tuple[ColumnSpec, ...]:
        if instance is None:
            return ()  # the field's default, as the class attribute was
        columns = instance.__dict__["columns"] = instance.spec.columns if instance.spec is not None else ()
        return columns


ModelNode.columns = _SpecColumns()  # type: ignore[assignment,misc]


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
