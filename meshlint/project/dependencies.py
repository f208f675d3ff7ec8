"""`dependencies.yml` and `packages.yml`: the upstream projects a project refs, and its packages."""

from __future__ import annotations

from pathlib import Path


from meshlint.diagnostics import Location
from meshlint.project.facts import Dependencies, NamedItem, Project
from meshlint.project.files import Reader
from meshlint.project.yaml_spans import YamlMap, item_location, iter_mappings, key_location, value_location
from meshlint.rules.input_failures import YAML_INVALID


def read_dependencies(root: Path, reader: Reader) -> Dependencies:
    """Upstream projects (`projects:` of dependencies.yml) and packages (`packages:` of dependencies.yml
    when it has that key, else of packages.yml), as dbt reads them, with the shapes dbt rejects reported."""
    files: dict[str, tuple[str, YamlMap]] = {}
    for file_name in ("dependencies.yml", "packages.yml"):
        path = root / file_name
        if path.is_file():
            data = reader.yaml(path)
            if isinstance(data, YamlMap):
                files[file_name] = (str(path), data)
            elif data is not None:
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
    if packages_file is not None and "projects" in packages_file[1]:
        reader.problems.append(
            YAML_INVALID.diagnostic(
                "The 'projects' key cannot be specified in packages.yml",
                key_location(packages_file[1], "projects", packages_file[0]),
                help="dbt fails; declare upstream projects in dependencies.yml",
            )
        )
    projects = []
    if dependencies is not None:
        path, data = dependencies
        raw_projects = data.get("projects")
        if raw_projects is not None and not isinstance(raw_projects, list):
            reader.problems.append(
                YAML_INVALID.diagnostic(
                    "`projects` of dependencies.yml is not a list", key_location(data, "projects", path), help=_DBT_FAILS
                )
            )
        for index, entry in enumerate(raw_projects if isinstance(raw_projects, list) else []):
            name = entry.get("name") if isinstance(entry, YamlMap) else None
            if isinstance(name, str) and name:
                projects.append(NamedItem(name, value_location(entry, "name", path)))
            else:
                reader.problems.append(
                    YAML_INVALID.diagnostic(
                        f"Entry {index + 1} of `projects` in dependencies.yml has no `name`",
                        item_location(raw_projects, index, path),
                        help=_DBT_FAILS + "; write `- name: <project>`",
                    )
                )
    source = dependencies if dependencies is not None and "packages" in dependencies[1] else packages_file
    packages = []
    local = []
    if source is not None:
        path, data = source
        raw_packages = data.get("packages")
        for index, entry in iter_mappings(raw_packages):
            package = entry.get("package") or entry.get("local") or entry.get("git")
            if isinstance(package, str):
                packages.append(NamedItem(package, item_location(raw_packages, index, path)))
            if isinstance(entry.get("local"), str):
                local.append(str((root / entry["local"]).resolve()))
    path = dependencies[0] if dependencies is not None else packages_file[0] if packages_file is not None else None
    return Dependencies(path, tuple(projects), tuple(packages), tuple(local))


_DBT_FAILS = "dbt fails to read the project's dependencies"


def missing_packages(dependencies: Dependencies, installed: tuple[Project, ...]) -> tuple[str, ...]:
    """Hub and git packages declared but absent from dbt_packages/ (local ones are found as projects)."""
    if installed:
        return ()
    local = set(dependencies.local_packages)
    return tuple(p.value for p in dependencies.packages if not p.value.startswith((".", "/")) and p.value not in local)
