"""Build the `Mesh` from the file system: projects, their property YAML, SQL files, macros and
dependencies. Every problem with the input becomes a located diagnostic; loading goes on."""

from __future__ import annotations

import urllib.parse
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from meshlint.analyse.cache import AnalysisCache
from meshlint.diagnostics import Diagnostic, Location, Severity
from meshlint.project.catalog import read_catalogs
from meshlint.project.containment import Roots
from meshlint.project.dependencies import missing_packages, read_dependencies
from meshlint.project.discover import file_names_in_folders, find_project_files, iter_files
from meshlint.project.facts import Group, Mesh, ModelSpec, Project, SourceTable, SqlFile
from meshlint.project.files import Reader
from meshlint.project.nodes import model_nodes, seed_nodes, snapshot_nodes
from meshlint.project.dialect_evidence import project_dialect_guess
from meshlint.project.profiles import ADAPTER_DIALECTS, adapter_type
from meshlint.project.upstream import UpstreamError, UpstreamSource, read_upstream
from meshlint.project.validation import duplicate_groups, invalid_access, invalid_dates
from meshlint.project.yaml_spans import YamlMap, item_location, iter_mappings, key_location, plain, value_location
from meshlint.rules.input_failures import UPSTREAM_UNAVAILABLE, YAML_INVALID
from meshlint.settings import Settings


def load_mesh(
    paths: list[Path],
    settings: Settings,
    profiles_dir: Path | None = None,
    upstreams: tuple[UpstreamSource, ...] = (),
    base: Path = Path("."),
    catalogs: tuple[Path, ...] = (),
    cache: AnalysisCache | None = None,
    read_log: list[tuple[str, str]] | None = None,
    jobs: int = 1,
) -> tuple[Mesh, list[Diagnostic]]:
    """Every project under `paths`, plus the upstream projects given as metadata that are not
    in the checkout. A `dependencies.yml` project that is neither is reported once (ML006). With
    `read_log`, every file read is appended to it as (path, text). With `jobs` > 1, a large project's
    property files are parsed in that many processes."""
    roots = checked_roots(paths, settings)
    reader = Reader(cache=cache, limits=settings.limits, roots=roots, log=read_log, jobs=jobs)
    problems = reader.problems
    projects = []
    for project_file in find_project_files(paths):
        if not roots.contains(project_file):  # a dbt_project.yml linked from outside
            problems.append(_outside(Location(str(project_file), 1, 1), "`dbt_project.yml`", "the project is not read"))
            continue
        project = load_project(project_file, settings, profiles_dir, reader)
        if project is not None:
            projects.append(project)
    projects = _attach_local_packages(projects)
    # a package under a `packages-install-path` other than dbt_packages/ is found as a project too
    installed = {str(Path(pkg.root).resolve()) for p in projects for pkg in p.packages}
    projects = [p for p in projects if str(Path(p.root).resolve()) not in installed]
    for project in projects:
        finding = reader.without_models.pop(project.path, None)
        if finding is not None and not _builds_anything(project):
            problems.append(finding)
    projects += [package for project in projects for package in project.packages]
    local = {p.name for p in projects}
    reported: set[str] = set()
    for source in upstreams:
        if source.name in local:
            continue  # the checkout has the project itself: its files are the truth
        try:
            _check_upstream_location(source.location, base, roots)
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
    for outside in [c for c in catalogs if not roots.contains(c)]:
        problems.append(_outside(Location(str(outside), 1, 1), "The catalog", "it is not read"))
    catalog, catalog_problems = read_catalogs(tuple(c for c in catalogs if roots.contains(c)))
    problems.extend(catalog_problems)
    return Mesh(tuple(projects), reader.suppressions, catalog), problems


def checked_roots(paths: list[Path], settings: Settings) -> Roots:
    """The folders files may be read from: the checked paths, the settings file's folder, and the
    settings' `extra-roots` (relative to that folder)."""
    folder = Path(settings.source).parent if settings.source else None
    extra = [(folder / r) if folder is not None else Path(r) for r in settings.extra_roots]
    return Roots.of([*paths, *([folder] if folder is not None else []), *extra])


def _outside(location: Location, what: str, consequence: str) -> Diagnostic:
    return YAML_INVALID.diagnostic(
        f"{what} resolves outside the checked folders, so {consequence}",
        location,
        help="meshlint reads only inside the paths it checks (and the settings' `extra-roots`); name a folder inside them",
    )


def _check_upstream_location(location: str, base: Path, roots: Roots) -> None:
    if location.startswith(("http://", "https://")):
        return
    path = Path(urllib.parse.urlparse(location).path if location.startswith("file://") else location)
    if not roots.contains(path if path.is_absolute() else base / path):
        raise UpstreamError(f"{location} resolves outside the checked folders (add its folder to `extra-roots`)")


def _contained_paths(data: YamlMap, keys: tuple[str, ...], default: tuple[str, ...], root: Path, path: str, reader: Reader) -> tuple[tuple[str, ...], bool]:
    """A `*-paths` list of dbt_project.yml (under the first of `keys` that is set), without the entries
    that resolve outside the checked folders, which are reported on their line; and whether any was."""
    key = next((k for k in keys if k in data), keys[0])
    values = _str_list(data.get(key), default)
    kept = []
    for index, value in enumerate(values):
        if reader.roots is not None and not reader.roots.contains(root / value):
            written = data.get(key)
            location = item_location(written, index, path) if isinstance(written, list) else key_location(data, key, path)
            reader.problems.append(_outside(location, f"`{key}` entry `{value}`", "nothing under it is read"))
        else:
            kept.append(value)
    return tuple(kept), len(kept) < len(values)


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


def _str_list(value: object, default: tuple[str, ...]) -> tuple[str, ...]:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    return default


def load_project(
    project_file: Path,
    settings: Settings,
    profiles_dir: Path | None,
    reader: Reader,
    *,
    is_package: bool = False,
) -> Project | None:
    root = project_file.parent
    path = str(project_file)
    data = reader.yaml(project_file)
    if not isinstance(data, YamlMap):
        if data is not None:
            reader.problems.append(YAML_INVALID.diagnostic("`dbt_project.yml` must be a mapping", Location(path, 1, 1)))
        return None
    name = data.get("name")
    if not isinstance(name, str) or not name:
        reader.problems.append(YAML_INVALID.diagnostic("`dbt_project.yml` has no `name`", Location(path, 1, 1)))
        return None

    model_paths, models_outside = _contained_paths(data, ("model-paths", "source-paths"), ("models",), root, path, reader)
    macro_paths, _ = _contained_paths(data, ("macro-paths",), ("macros",), root, path, reader)

    specs: list[ModelSpec] = []
    sources: list[SourceTable] = []
    groups: list[Group] = []
    sql_files: list[tuple[SqlFile, list[str]]] = []
    model_files = 0
    for model_path in model_paths:
        base = root / model_path
        property_files = [(file, reader.text(file)) for file in iter_files(base, (".yml", ".yaml"))]
        reader.parse_ahead([(file, text) for file, text in property_files if text is not None], name)
        for file, text in property_files:
            properties = reader.properties(file, name, text) if text is not None else None
            if properties is None:
                continue
            specs.extend(properties.models)
            sources.extend(properties.sources)
            groups.extend(properties.groups)
        for file, file_name, parts in file_names_in_folders(base, (".sql", ".py")):
            model_files += 1
            text = reader.text(file)
            if text is not None:
                folders = list(parts)
                sql_files.append((SqlFile(file, file_name.rsplit(".", 1)[0], text), folders))

    macro_files = []
    for macro_path in macro_paths:
        for file in iter_files(root / macro_path, (".sql",)):
            text = reader.text(file)
            if text is not None:
                macro_files.append(SqlFile(str(file), file.stem, text))

    if not model_files and not models_outside and not is_package:
        # reported unless another project installs this one as a package (load_mesh decides)
        reader.without_models[path] = _without_models(name, model_paths, data, path)

    packages: tuple[Project, ...] = ()
    if not is_package:
        packages = _load_packages(root, name, settings, profiles_dir, reader, _packages_folder(data, root, path, reader))

    models_tree = data.get("models")
    nodes = model_nodes(name, specs, sql_files, models_tree, path)
    dependencies = read_dependencies(root, reader)
    dialect, origin = _dialect(root, data, settings, profiles_dir)
    if dialect is None and not is_package:
        dialect, origin = project_dialect_guess(root, path, data, specs, sources, sql_files, dependencies, packages) or (None, origin)
    seed_paths, _ = _contained_paths(data, ("seed-paths", "data-paths"), ("seeds",), root, path, reader)
    snapshot_paths, _ = _contained_paths(data, ("snapshot-paths",), ("snapshots",), root, path, reader)
    nodes += seed_nodes(name, root, seed_paths, data.get("seeds"), path, reader, dialect)
    nodes += snapshot_nodes(name, root, snapshot_paths, reader)
    reader.problems.extend(invalid_access(nodes, path))
    reader.problems.extend(invalid_dates(specs))
    reader.problems.extend(duplicate_groups(groups))
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
        missing_packages=missing_packages(dependencies, packages),
        dispatch=_dispatch(data.get("dispatch")),
        macro_files=tuple(macro_files),
        packages=packages,
    )


def _without_models(name: str, model_paths: tuple[str, ...], data: YamlMap, path: str) -> Diagnostic:
    """A warning, as dbt's: `dbt parse` accepts a project without models and `dbt build` only warns
    "Nothing to do"; load_mesh drops it when the project's packages, seeds or snapshots give dbt
    something to build (a package's integration tests often have no models of their own)."""
    key = "model-paths" if "model-paths" in data else "source-paths"
    location = value_location(data, key, path) if key in data else Location(path, 1, 1)
    listed = ", ".join(f"`{p}`" for p in model_paths) or "none"
    return replace(
        YAML_INVALID.diagnostic(
            f"Project `{name}` has no models: its model paths ({listed}) hold no .sql or .py file,"
            " and neither its packages nor its seeds or snapshots give dbt anything to build",
            location,
            help="point `model-paths` in dbt_project.yml at the folders that hold the models",
        ),
        severity=Severity.WARNING,
    )


def _builds_anything(project: Project) -> bool:
    """Whether `dbt build` finds a node to build in the project or in its installed packages."""
    return any(p.nodes for p in (project, *project.packages))


def _packages_folder(data: YamlMap, root: Path, path: str, reader: Reader) -> Path | None:
    """`packages-install-path` (default `dbt_packages`), or None when it resolves outside the checked folders."""
    value = data.get("packages-install-path")
    folder = root / (value if isinstance(value, str) and value else "dbt_packages")
    if reader.roots is not None and not reader.roots.contains(folder):
        location = value_location(data, "packages-install-path", path)
        reader.problems.append(_outside(location, f"`packages-install-path` `{value}`", "no package under it is read"))
        return None
    return folder


def _dispatch(value: object) -> dict[str, tuple[str, ...]]:
    """`dispatch: [{macro_namespace: dbt_utils, search_order: [my_project, dbt_utils]}]`."""
    result = {}
    for _, entry in iter_mappings(value):
        namespace = entry.get("macro_namespace")
        order = entry.get("search_order")
        if isinstance(namespace, str) and isinstance(order, list):
            result[namespace] = tuple(str(o) for o in order)
    return result


def _dialect(
    root: Path, data: YamlMap, settings: Settings, profiles_dir: Path | None
) -> tuple[str | None, str]:
    profile = data.get("profile")
    found = adapter_type(root, profile if isinstance(profile, str) else None, profiles_dir)
    if found is not None:
        adapter, profiles_path = found
        dialect = ADAPTER_DIALECTS.get(adapter, adapter)
        return dialect, f"adapter `{adapter}` of profile `{profile}` in {profiles_path}"
    if settings.dialect:
        return settings.dialect, f"setting `dialect` in {settings.source or 'the command line'}"
    return None, "no profile, no `dialect` setting and nothing in the repository that tells the warehouse"


def _load_packages(
    root: Path, owner: str, settings: Settings, profiles_dir: Path | None, reader: Reader, folder: Path | None
) -> tuple[Project, ...]:
    """Packages `dbt deps` installed under dbt_packages/ (or the `packages-install-path`)."""
    if folder is None or not folder.is_dir():
        return ()
    packages = []
    for candidate in sorted(folder.iterdir()):
        project_file = candidate / "dbt_project.yml"
        if project_file.is_file() and reader.roots is not None and not reader.roots.contains(project_file):
            reader.problems.append(_outside(Location(str(candidate), 1, 1), f"Package `{candidate.name}`", "it is not read"))
        elif project_file.is_file():
            package = load_project(project_file, settings, profiles_dir, reader, is_package=True)
            if package is not None:
                packages.append(replace(package, package_of=owner))
    return tuple(packages)
