"""`dependencies.yml` and `packages.yml`: the upstream projects a project refs, and its packages."""

from __future__ import annotations

from pathlib import Path


from meshlint.project.facts import Dependencies, NamedItem, Project
from meshlint.project.files import Reader
from meshlint.project.yaml_spans import YamlMap, item_location, iter_mappings, key_location, value_location
from meshlint.rules.input_failures import YAML_INVALID


def read_dependencies(root: Path, reader: Reader) -> Dependencies:
    """`dependencies.yml` (or `packages.yml`): upstream projects and packages."""
    for file_name in ("dependencies.yml", "packages.yml"):
        path = root / file_name
        if not path.is_file():
            continue
        data = reader.yaml(path)
        if not isinstance(data, YamlMap):
            continue
        if file_name == "packages.yml" and "projects" in data:
            reader.problems.append(
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


def missing_packages(dependencies: Dependencies, installed: tuple[Project, ...]) -> tuple[str, ...]:
    """Hub and git packages declared but absent from dbt_packages/ (local ones are found as projects)."""
    if installed:
        return ()
    local = set(dependencies.local_packages)
    return tuple(p.value for p in dependencies.packages if not p.value.startswith((".", "/")) and p.value not in local)
