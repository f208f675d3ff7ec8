"""`dependencies.yml` and `packages.yml`: the upstream projects a project refs, and its packages."""

from __future__ import annotations

from pathlib import Path


from meshlint.diagnostics import Location
from meshlint.project.facts import Dependencies, NamedItem, Project
from meshlint.project.files import Reader
from meshlint.project.yaml_spans import YamlMap, item_location, key_location, value_location
from meshlint.rules.input_failures import YAML_INVALID


def read_dependencies(root: Path, reader: Reader) -> Dependencies:
    """Upstream projects (`projects:` of dependencies.yml) and packages (`packages:` of dependencies.yml
    when it has that key, else of packages.yml), as dbt reads them, with the shapes dbt's parse rejects
    reported. dbt-core does not check the `projects:` entries (nor a dependencies.yml that is not a
    mapping), so neither does meshlint: what it cannot read there it skips."""
    files: dict[str, tuple[str, YamlMap]] = {}
    for file_name in ("dependencies.yml", "packages.yml"):
        path = root / file_name
        if path.is_file():
            data = reader.yaml(path)
            if isinstance(data, YamlMap):
                files[file_name] = (str(path), data)
            elif data is not None and file_name == "packages.yml":
                reader.problems.append(
                    YAML_INVALID.diagnostic(f"`{file_name}` must be a mapping", Location(str(path), 1, 1), help=_DBT_FAILS)
                )
    if not files:
        return Dependencies(None)
    dependencies = files.get("dependencies.yml")
    packages_file = files.get("packages.yml")
    if dependencies is not None and packages_file is not None and "packages" in dependencies[1] and "packages" in packages_file[1]:
        reader.problems.append(
            YAML_INVALID.diagnostic(
                "The 'packages' key cannot be specified in both packages.yml and dependencies.yml",
                key_location(dependencies[1], "packages", dependencies[0]),
                help="dbt fails (DbtProjectError) before it reads the project; keep the packages in one of the two files",
            )
        )
    if packages_file is not None:
        path, data = packages_file
        for key in data:
            if key == "projects":
                message, help = "The 'projects' key cannot be specified in packages.yml", "dbt fails; declare upstream projects in dependencies.yml"
            elif key != "packages":
                message, help = f"`{key}` is not a key of packages.yml (only `packages`)", _DBT_FAILS + " (\"The packages.yml file in this project is malformed\")"
            else:
                continue
            reader.problems.append(YAML_INVALID.diagnostic(message, key_location(data, key, path), help=help))
    projects = []
    if dependencies is not None:
        path, data = dependencies
        raw_projects = data.get("projects")
        for entry in raw_projects if isinstance(raw_projects, list) else []:
            name = entry.get("name") if isinstance(entry, YamlMap) else None
            if isinstance(name, str) and name:
                projects.append(NamedItem(name, value_location(entry, "name", path)))
    source = dependencies if dependencies is not None and "packages" in dependencies[1] else packages_file
    packages = []
    local = []
    if source is not None:
        path, data = source
        raw_packages = data.get("packages")
        file_name = Path(path).name
        if "packages" in data and not isinstance(raw_packages, list):
            shown = "empty (null)" if raw_packages is None else "a mapping" if isinstance(raw_packages, dict) else f"`{raw_packages}`"
            reader.problems.append(
                YAML_INVALID.diagnostic(f"`packages` of {file_name} is {shown}, expected a list", key_location(data, "packages", path), help=_DBT_FAILS)
            )
        for index, entry in enumerate(raw_packages if isinstance(raw_packages, list) else []):
            if not isinstance(entry, YamlMap) or not any(key in entry for key in PACKAGE_SOURCES):
                reader.problems.append(
                    YAML_INVALID.diagnostic(
                        f"Entry {index + 1} of `packages` in {file_name} names no package (one of "
                        + ", ".join(f"`{k}`" for k in PACKAGE_SOURCES) + ")",
                        item_location(raw_packages, index, path),
                        help=_DBT_FAILS + "; write `- package: owner/name` with a `version`, or `git:`/`local:`",
                    )
                )
                continue
            package = entry.get("package") or entry.get("local") or entry.get("git")
            if isinstance(package, str):
                packages.append(NamedItem(package, item_location(raw_packages, index, path)))
            if isinstance(entry.get("local"), str):
                local.append(str((root / entry["local"]).resolve()))
    path = dependencies[0] if dependencies is not None else packages_file[0] if packages_file is not None else None
    return Dependencies(path, tuple(projects), tuple(packages), tuple(local))


#: the keys that say where a package comes from; an entry without one is malformed for dbt
PACKAGE_SOURCES = ("package", "git", "local", "tarball", "private")
_DBT_FAILS = "dbt fails to read the project's dependencies"


def missing_packages(dependencies: Dependencies, installed: tuple[Project, ...]) -> tuple[str, ...]:
    """Hub and git packages declared but absent from dbt_packages/ (local ones are found as projects)."""
    if installed:
        return ()
    local = set(dependencies.local_packages)
    return tuple(p.value for p in dependencies.packages if not p.value.startswith((".", "/")) and p.value not in local)
