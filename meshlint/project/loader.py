"""Build the `Mesh` from the file system: projects, their property YAML, SQL files, macros and
dependencies. Every problem with the input becomes a located diagnostic; loading goes on."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from meshlint.diagnostics import Diagnostic, Location, Severity
from meshlint.project.catalog import read_catalogs
from meshlint.project.config_tree import config_for, node_config
from meshlint.project.discover import find_project_files, iter_files
from meshlint.project.facts import (
    ColumnSpec,
    Dependencies,
    Group,
    Mesh,
    ModelNode,
    ModelSpec,
    NamedItem,
    NodeConfig,
    Project,
    SourceTable,
    SqlFile,
    VersionSpec,
    VersionValue,
)
from meshlint.project.profiles import ADAPTER_DIALECTS, adapter_type
from meshlint.project.properties import read_property_file
from meshlint.project.suppressions import FileSuppressions, scan
from meshlint.project.versions import latest_version_of, same_version, version_columns, version_key
from meshlint.project.dates import parse_deprecation_date
from meshlint.project.yaml_spans import (
    item_location,
    key_location,
    iter_mappings,
    load_yaml,
    plain,
    value_location,
)
from meshlint.project.upstream import UpstreamError, UpstreamSource, read_upstream
from meshlint.rules.input_failures import UPSTREAM_UNAVAILABLE, YAML_INVALID
from meshlint.settings import Settings


def load_mesh(
    paths: list[Path],
    settings: Settings,
    profiles_dir: Path | None = None,
    upstreams: tuple[UpstreamSource, ...] = (),
    base: Path = Path("."),
    catalogs: tuple[Path, ...] = (),
) -> tuple[Mesh, list[Diagnostic]]:
    """Every project under `paths`, plus the upstream projects given as metadata that are not
    in the checkout. A `dependencies.yml` project that is neither is reported once (ML006)."""
    problems: list[Diagnostic] = []
    projects = []
    suppressions: dict[str, FileSuppressions] = {}
    for project_file in find_project_files(paths):
        project = load_project(project_file, settings, profiles_dir, problems, suppressions=suppressions)
        if project is not None:
            projects.append(project)
    projects = _attach_local_packages(projects)
    projects += [package for project in projects for package in project.packages]
    local = {p.name for p in projects}
    reported: set[str] = set()
    for source in upstreams:
        if source.name in local:
            continue  # the checkout has the project itself: its files are the truth
        try:
            projects.append(read_upstream(source, base))
        except UpstreamError as error:
            reported.add(source.name)
            problems.append(
                replace(
                    UPSTREAM_UNAVAILABLE.diagnostic(
                        f"Upstream metadata for project `{source.name}` cannot be used: {error}; refs to it are not checked",
                        source.origin,
                        help="give a dbt manifest.json or a `meshlint export` file, as a path or an http(s):// URL",
                    ),
                    severity=Severity.ERROR,
                )
            )
    known = {p.name for p in projects}
    for project in projects:
        for declared in project.dependencies.projects:
            if declared.value not in known and declared.value not in reported:
                reported.add(declared.value)
                problems.append(
                    UPSTREAM_UNAVAILABLE.diagnostic(
                        f"Project `{declared.value}` is declared in dependencies.yml but is neither in the mesh nor given as upstream metadata; refs to it are not checked",
                        declared.location,
                        help="add its dbt project to the paths, or give its manifest with `--upstream NAME=PATH`",
                    )
                )
    catalog, catalog_problems = read_catalogs(catalogs)
    problems.extend(catalog_problems)
    return Mesh(tuple(projects), suppressions, catalog), problems


def _attach_local_packages(projects: list[Project]) -> list[Project]:
    """A project another one installs with `local:` is that project's package, not a mesh member."""
    by_root = {str(Path(p.root).resolve()): p for p in projects}
    claimed: dict[str, list[Project]] = {}
    for project in projects:
        for root in project.dependencies.local_packages:
            package = by_root.get(root)
            if package is not None and package is not project:
                claimed.setdefault(project.name, []).append(package)
    packaged = {id(p) for ps in claimed.values() for p in ps}
    result = []
    for project in projects:
        if id(project) in packaged:
            continue
        extra = tuple(replace(p, package_of=project.name) for p in claimed.get(project.name, ()))
        installed = {p.name for p in project.packages}
        result.append(replace(project, packages=project.packages + tuple(p for p in extra if p.name not in installed)))
    return result


def _read_text(
    path: Path, problems: list[Diagnostic], suppressions: dict[str, FileSuppressions] | None = None
) -> str | None:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        problems.append(YAML_INVALID.diagnostic(f"File cannot be read: {error}", Location(str(path), 1, 1)))
        return None
    if suppressions is not None:
        found = scan(str(path), text)
        if found is not None:
            suppressions[str(path)] = found
    return text


def _read_yaml(
    path: Path, problems: list[Diagnostic], suppressions: dict[str, FileSuppressions] | None = None
) -> object:
    text = _read_text(path, problems, suppressions)
    if text is None:
        return None
    data, failure = load_yaml(str(path), text)
    if failure is not None:
        problems.append(YAML_INVALID.diagnostic(failure.message, failure.location))
    return data


def _str_list(value: object, default: tuple[str, ...]) -> tuple[str, ...]:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    return default


def load_project(
    project_file: Path,
    settings: Settings,
    profiles_dir: Path | None,
    problems: list[Diagnostic],
    *,
    is_package: bool = False,
    suppressions: dict[str, FileSuppressions] | None = None,
) -> Project | None:
    root = project_file.parent
    path = str(project_file)
    data = _read_yaml(project_file, problems, suppressions)
    if not isinstance(data, CommentedMap):
        if data is not None:
            problems.append(YAML_INVALID.diagnostic("`dbt_project.yml` must be a mapping", Location(path, 1, 1)))
        return None
    name = data.get("name")
    if not isinstance(name, str) or not name:
        problems.append(YAML_INVALID.diagnostic("`dbt_project.yml` has no `name`", Location(path, 1, 1)))
        return None

    dialect, origin = _dialect(root, data, settings, profiles_dir)
    model_paths = _str_list(data.get("model-paths", data.get("source-paths")), ("models",))
    macro_paths = _str_list(data.get("macro-paths"), ("macros",))

    specs: list[ModelSpec] = []
    sources: list[SourceTable] = []
    groups: list[Group] = []
    sql_files: list[tuple[SqlFile, list[str]]] = []
    for model_path in model_paths:
        base = root / model_path
        for file in iter_files(base, (".yml", ".yaml")):
            yaml_data = _read_yaml(file, problems, suppressions)
            if yaml_data is None:
                continue
            properties = read_property_file(yaml_data, str(file), name)
            specs.extend(properties.models)
            sources.extend(properties.sources)
            groups.extend(properties.groups)
        for file in iter_files(base, (".sql", ".py")):
            text = _read_text(file, problems, suppressions)
            if text is not None:
                folders = list(file.relative_to(base).parent.parts)
                sql_files.append((SqlFile(str(file), file.name.rsplit(".", 1)[0], text), folders))

    macro_files = []
    for macro_path in macro_paths:
        for file in iter_files(root / macro_path, (".sql",)):
            text = _read_text(file, problems)
            if text is not None:
                macro_files.append(SqlFile(str(file), file.stem, text))

    packages: tuple[Project, ...] = ()
    if not is_package:
        packages = _load_packages(root, name, settings, profiles_dir, problems)

    models_tree = data.get("models")
    nodes = _build_nodes(name, specs, sql_files, models_tree, path)
    seed_paths = _str_list(data.get("seed-paths", data.get("data-paths")), ("seeds",))
    snapshot_paths = _str_list(data.get("snapshot-paths"), ("snapshots",))
    nodes += _seed_nodes(name, root, seed_paths, data.get("seeds"), path, problems)
    nodes += _snapshot_nodes(name, root, snapshot_paths, problems)
    dependencies = _dependencies(root, problems, suppressions)
    problems.extend(_invalid_access(nodes, path))
    problems.extend(_invalid_dates(specs))
    return Project(
        name=name,
        root=str(root),
        path=path,
        dialect=dialect,
        dialect_origin=origin,
        vars=plain(data.get("vars")) if isinstance(data.get("vars"), Mapping) else {},
        macro_paths=macro_paths,
        restrict_access=data.get("restrict-access") is True,
        groups=tuple(groups),
        sources=tuple(sources),
        specs=tuple(specs),
        nodes=nodes,
        dependencies=dependencies,
        missing_packages=_missing_packages(dependencies, packages),
        dispatch=_dispatch(data.get("dispatch")),
        macro_files=tuple(macro_files),
        packages=packages,
    )


def _dispatch(value: object) -> dict[str, tuple[str, ...]]:
    """`dispatch: [{macro_namespace: dbt_utils, search_order: [my_project, dbt_utils]}]`."""
    result = {}
    for _, entry in iter_mappings(value):
        namespace = entry.get("macro_namespace")
        order = entry.get("search_order")
        if isinstance(namespace, str) and isinstance(order, list):
            result[namespace] = tuple(str(o) for o in order)
    return result


def _invalid_dates(specs: list[ModelSpec]) -> list[Diagnostic]:
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


def _invalid_access(nodes: tuple[ModelNode, ...], project_path: str) -> list[Diagnostic]:
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


def _missing_packages(dependencies: Dependencies, installed: tuple[Project, ...]) -> tuple[str, ...]:
    """Hub and git packages declared but absent from dbt_packages/ (local ones are found as projects)."""
    if installed:
        return ()
    local = set(dependencies.local_packages)
    return tuple(p.value for p in dependencies.packages if not p.value.startswith((".", "/")) and p.value not in local)


def _seed_nodes(
    project: str, root: Path, seed_paths: tuple[str, ...], tree: object, project_path: str, problems: list[Diagnostic]
) -> tuple[ModelNode, ...]:
    """Seeds: their columns are the CSV header; a type is known where `column_types` gives it."""
    nodes = []
    for seed_path in seed_paths:
        base = root / seed_path
        for file in iter_files(base, (".csv",)):
            text = _read_text(file, problems)
            if text is None:
                continue
            header = next(csv.reader(io.StringIO(text)), [])
            folders = list(file.relative_to(base).parent.parts)
            config, _ = config_for(tree, [project, *folders, file.stem], project_path)
            types = config.get("column_types") if isinstance(config.get("column_types"), Mapping) else {}
            columns = tuple((c.strip(), _type_name(types.get(c.strip()))) for c in header if c.strip())  # type: ignore[union-attr]
            nodes.append(
                ModelNode(
                    unique_id=f"seed.{project}.{file.stem}",
                    project=project,
                    name=file.stem,
                    sql=None,
                    config=node_config(config, {}),
                    published_columns=columns,
                    published_closed=bool(columns),
                    resource_type="seed",
                )
            )
    return tuple(nodes)


def _type_name(value: object) -> str | None:
    return str(value) if isinstance(value, str) and value else None


_SNAPSHOT = re.compile(r"{%-?\s*snapshot\s+(\w+)\s*-?%}")


def _snapshot_nodes(project: str, root: Path, snapshot_paths: tuple[str, ...], problems: list[Diagnostic]) -> tuple[ModelNode, ...]:
    """Snapshots can be ref'd; their columns are not inferred (they stay unknown)."""
    nodes = []
    for snapshot_path in snapshot_paths:
        for file in iter_files(root / snapshot_path, (".sql",)):
            text = _read_text(file, problems)
            for name in _SNAPSHOT.findall(text or ""):
                nodes.append(
                    ModelNode(
                        unique_id=f"snapshot.{project}.{name}",
                        project=project,
                        name=name,
                        sql=None,
                        config=node_config({}, {}),
                        resource_type="snapshot",
                    )
                )
    return tuple(nodes)


def _dialect(
    root: Path, data: CommentedMap, settings: Settings, profiles_dir: Path | None
) -> tuple[str | None, str]:
    profile = data.get("profile")
    found = adapter_type(root, profile if isinstance(profile, str) else None, profiles_dir)
    if found is not None:
        adapter, profiles_path = found
        dialect = ADAPTER_DIALECTS.get(adapter, adapter)
        return dialect, f"adapter `{adapter}` of profile `{profile}` in {profiles_path}"
    if settings.dialect:
        return settings.dialect, f"setting `dialect` in {settings.source or 'the command line'}"
    return None, "no profile and no `dialect` setting"


def _load_packages(
    root: Path, owner: str, settings: Settings, profiles_dir: Path | None, problems: list[Diagnostic]
) -> tuple[Project, ...]:
    """Packages `dbt deps` installed under dbt_packages/."""
    folder = root / "dbt_packages"
    if not folder.is_dir():
        return ()
    packages = []
    for candidate in sorted(folder.iterdir()):
        project_file = candidate / "dbt_project.yml"
        if project_file.is_file():
            package = load_project(project_file, settings, profiles_dir, problems, is_package=True)
            if package is not None:
                packages.append(replace(package, package_of=owner))
    return tuple(packages)


def _dependencies(
    root: Path, problems: list[Diagnostic], suppressions: dict[str, FileSuppressions] | None
) -> Dependencies:
    for file_name in ("dependencies.yml", "packages.yml"):
        path = root / file_name
        if not path.is_file():
            continue
        data = _read_yaml(path, problems, suppressions)
        if not isinstance(data, CommentedMap):
            continue
        if file_name == "packages.yml" and "projects" in data:
            problems.append(
                YAML_INVALID.diagnostic(
                    "The 'projects' key cannot be specified in packages.yml",
                    key_location(data, "projects", str(path)),
                    help="dbt fails; declare upstream projects in dependencies.yml",
                )
            )
            data = {k: v for k, v in data.items() if k != "projects"}
        projects = []
        for index, entry in iter_mappings(data.get("projects")):
            name = entry.get("name")
            if isinstance(name, str):
                projects.append(NamedItem(name, value_location(entry, "name", str(path))))
        packages = []
        local = []
        raw_packages = data.get("packages")
        for index, entry in iter_mappings(raw_packages):
            package = entry.get("package") or entry.get("local") or entry.get("git")
            if isinstance(package, str):
                packages.append(NamedItem(package, item_location(raw_packages, index, str(path))))
            if isinstance(entry.get("local"), str):
                local.append(str((root / entry["local"]).resolve()))
        if projects or packages or file_name == "dependencies.yml":
            return Dependencies(str(path), tuple(projects), tuple(packages), tuple(local))
    return Dependencies(None)


def _merge(base: dict[str, object], override: Mapping[str, object]) -> dict[str, object]:
    """dbt's config merge: mappings merge key by key, everything else is replaced."""
    result = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(result.get(key), Mapping):
            result[key] = _merge(dict(result[key]), value)  # type: ignore[arg-type]
        else:
            result[key] = value
    return result


def _config(
    tree: object,
    fqn: list[str],
    project_path: str,
    spec: ModelSpec | None,
    version: VersionSpec | None,
) -> NodeConfig:
    raw, locations = config_for(tree, fqn, project_path)
    for layer in (spec, version):
        if layer is not None:
            raw = _merge(raw, layer.config)
            locations = {**locations, **layer.config_locations}
    return node_config(raw, locations)


def _build_nodes(
    project: str,
    specs: list[ModelSpec],
    sql_files: list[tuple[SqlFile, list[str]]],
    tree: object,
    project_path: str,
) -> tuple[ModelNode, ...]:
    files = {sql.stem: (sql, folders) for sql, folders in sql_files}
    specs_by_name: dict[str, ModelSpec] = {}
    for spec in specs:
        specs_by_name.setdefault(spec.name, spec)
    used: set[str] = set()
    nodes: list[ModelNode] = []

    for spec in specs_by_name.values():
        if not spec.versions:
            continue
        latest = latest_version_of(spec)
        seen: set[str] = set()
        for version in spec.versions:
            key = version_key(version.v)
            if key in seen:
                continue  # a duplicate version (ML208) adds no second node
            seen.add(key)
            stem = version.defined_in or f"{spec.name}_v{key}"
            if stem not in files and same_version(latest, version.v):
                stem = spec.name if spec.name in files else stem
            found = files.get(stem)
            if found is not None:
                used.add(stem)
            sql, folders = found if found is not None else (None, [])
            nodes.append(
                ModelNode(
                    unique_id=f"model.{project}.{spec.name}.v{key}",
                    project=project,
                    name=spec.name,
                    sql=sql,
                    config=_config(tree, [project, *folders, spec.name], project_path, spec, version),
                    spec=spec,
                    version_spec=version,
                    columns=version_columns(spec, version),
                )
            )

    for stem, (sql, folders) in sorted(files.items()):
        if stem in used:
            continue
        spec = specs_by_name.get(stem)
        if spec is not None and spec.versions:
            spec = None  # an unversioned file named like a versioned model (ML209) gets no spec
        nodes.append(
            ModelNode(
                unique_id=f"model.{project}.{stem}",
                project=project,
                name=stem,
                sql=sql,
                config=_config(tree, [project, *folders, stem], project_path, spec, None),
                spec=spec,
                columns=spec.columns if spec is not None else (),
            )
        )
    return tuple(sorted(nodes, key=lambda n: n.unique_id))


