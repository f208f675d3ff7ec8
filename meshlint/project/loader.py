"""Build the `Mesh` from the file system: projects, their property YAML, SQL files, macros and
dependencies. Every problem with the input becomes a located diagnostic; loading goes on."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path


from meshlint.analyse.cache import AnalysisCache
from meshlint.diagnostics import Diagnostic, Location, Severity
from meshlint.project.catalog import read_catalogs
from meshlint.project.dependencies import missing_packages, read_dependencies
from meshlint.project.discover import find_project_files, iter_files
from meshlint.project.facts import Group, Mesh, ModelSpec, Project, SourceTable, SqlFile
from meshlint.project.files import Reader
from meshlint.project.nodes import model_nodes, seed_nodes, snapshot_nodes
from meshlint.project.dialect_evidence import project_dialect_guess
from meshlint.project.profiles import ADAPTER_DIALECTS, adapter_type
from meshlint.project.upstream import UpstreamError, UpstreamSource, read_upstream
from meshlint.project.validation import invalid_access, invalid_dates
from meshlint.project.yaml_spans import YamlMap, iter_mappings, plain
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
) -> tuple[Mesh, list[Diagnostic]]:
    """Every project under `paths`, plus the upstream projects given as metadata that are not
    in the checkout. A `dependencies.yml` project that is neither is reported once (ML006)."""
    reader = Reader(cache=cache)
    problems = reader.problems
    projects = []
    for project_file in find_project_files(paths):
        project = load_project(project_file, settings, profiles_dir, reader)
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
    return Mesh(tuple(projects), reader.suppressions, catalog), problems


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

    model_paths = _str_list(data.get("model-paths", data.get("source-paths")), ("models",))
    macro_paths = _str_list(data.get("macro-paths"), ("macros",))

    specs: list[ModelSpec] = []
    sources: list[SourceTable] = []
    groups: list[Group] = []
    sql_files: list[tuple[SqlFile, list[str]]] = []
    for model_path in model_paths:
        base = root / model_path
        for file in iter_files(base, (".yml", ".yaml")):
            properties = reader.properties(file, name)
            if properties is None:
                continue
            specs.extend(properties.models)
            sources.extend(properties.sources)
            groups.extend(properties.groups)
        for file in iter_files(base, (".sql", ".py")):
            text = reader.text(file)
            if text is not None:
                folders = list(file.relative_to(base).parent.parts)
                sql_files.append((SqlFile(str(file), file.name.rsplit(".", 1)[0], text), folders))

    macro_files = []
    for macro_path in macro_paths:
        for file in iter_files(root / macro_path, (".sql",)):
            text = reader.text(file)
            if text is not None:
                macro_files.append(SqlFile(str(file), file.stem, text))

    packages: tuple[Project, ...] = ()
    if not is_package:
        packages = _load_packages(root, name, settings, profiles_dir, reader)

    models_tree = data.get("models")
    nodes = model_nodes(name, specs, sql_files, models_tree, path)
    dependencies = read_dependencies(root, reader)
    dialect, origin = _dialect(root, data, settings, profiles_dir)
    if dialect is None and not is_package:
        dialect, origin = project_dialect_guess(root, path, data, specs, sources, sql_files, dependencies, packages) or (None, origin)
    seed_paths = _str_list(data.get("seed-paths", data.get("data-paths")), ("seeds",))
    snapshot_paths = _str_list(data.get("snapshot-paths"), ("snapshots",))
    nodes += seed_nodes(name, root, seed_paths, data.get("seeds"), path, reader, dialect)
    nodes += snapshot_nodes(name, root, snapshot_paths, reader)
    reader.problems.extend(invalid_access(nodes, path))
    reader.problems.extend(invalid_dates(specs))
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
    root: Path, owner: str, settings: Settings, profiles_dir: Path | None, reader: Reader
) -> tuple[Project, ...]:
    """Packages `dbt deps` installed under dbt_packages/."""
    folder = root / "dbt_packages"
    if not folder.is_dir():
        return ()
    packages = []
    for candidate in sorted(folder.iterdir()):
        project_file = candidate / "dbt_project.yml"
        if project_file.is_file():
            package = load_project(project_file, settings, profiles_dir, reader, is_package=True)
            if package is not None:
                packages.append(replace(package, package_of=owner))
    return tuple(packages)
