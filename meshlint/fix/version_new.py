"""`meshlint version new MODEL`: start a new version instead of breaking a contract. The latest version's
SQL is copied to the new version's file, the `versions:` entry is added (in the style of the others),
`latest_version` is set as asked, and the previous version can be given its deprecation date."""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass

from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from meshlint.fix.yaml_splice import (
    Splice,
    SpliceError,
    add_key,
    append_copy,
    append_items,
    child,
    compose,
    edit,
    find_mapping,
    find_scalar,
    replace_scalar,
)
from meshlint.project.facts import ModelNode, ModelSpec, Project
from meshlint.project.versions import latest_version_of, same_version, version_key


_NOT_COPIED = frozenset({"defined_in", "deprecation_date"})


@dataclass(frozen=True)
class NewVersion:
    yaml_path: str
    yaml_before: str
    yaml_after: str
    sql_path: str  # the new version's file
    sql_text: str
    version: int
    previous: object


def next_version(spec: ModelSpec) -> int:
    """One more than the greatest whole-number version (1 for an unversioned model's second version: 2)."""
    if not spec.versions:
        return 2
    numbers = []
    for version in spec.versions:
        try:
            numbers.append(int(str(version.v)))
        except ValueError:
            raise SpliceError(f"`{spec.name}` has a version that is not a whole number (`{version.v}`); add the new one by hand") from None
    return max(numbers) + 1


def plan_new_version(project: Project, spec: ModelSpec, yaml_text: str, make_latest: bool, deprecate: datetime.date | None) -> NewVersion:
    root = compose(yaml_text)
    found = find_mapping(root, "name", spec.location.line, spec.location.column)
    if found is None:
        raise SpliceError(f"the YAML entry of `{spec.name}` is not written in {spec.path}")
    model, path = found
    new = next_version(spec)
    if not spec.versions:
        return _first_versions(project, spec, yaml_text, root, model, path, new, make_latest, deprecate)
    previous = latest_version_of(spec)
    node = _node(project, spec, previous)
    if node is None or node.sql is None or node.version_spec is None:
        raise SpliceError(f"the latest version of `{spec.name}` (v{previous}) has no SQL file to copy")
    entry_found = find_mapping(root, "v", node.version_spec.location.line, node.version_spec.location.column)
    versions = child(model, "versions")
    if entry_found is None or not isinstance(versions, SequenceNode):
        raise SpliceError(f"the versions of `{spec.name}` are not written in {spec.path}")
    entry, entry_path = entry_found
    splices: list[Splice] = []
    if node.sql.stem == spec.name and node.version_spec.defined_in is None:
        # the unsuffixed file serves only the latest version: name it, so it keeps serving this one
        splices.append(add_key(yaml_text, root, entry, "defined_in", spec.name, entry_path))
    if deprecate is not None:
        splices.append(_set(yaml_text, root, entry, "deprecation_date", deprecate, entry_path))
    try:  # the new version declares what the copied one does (its columns, config), but not its file or date
        splices.append(append_copy(yaml_text, versions, entry, ("v", new), _NOT_COPIED, (*path, "versions")))
    except SpliceError:
        splices.append(append_items(yaml_text, root, versions, [{"v": new}], (*path, "versions")))
    latest = child(model, "latest_version")
    if make_latest and isinstance(latest, ScalarNode):
        splices.append(replace_scalar(yaml_text, latest, new, (*path, "latest_version")))
    elif not make_latest and latest is None:
        splices.append(add_key(yaml_text, root, model, "latest_version", _literal(previous), path))
    sql_path = os.path.join(os.path.dirname(node.sql.path), f"{spec.name}_v{new}.sql")
    return NewVersion(spec.path, yaml_text, edit(yaml_text, splices), sql_path, node.sql.text, new, previous)


def _first_versions(
    project: Project, spec: ModelSpec, yaml_text: str, root: Node, model: MappingNode, path: tuple[str | int, ...],
    new: int, make_latest: bool, deprecate: datetime.date | None,
) -> NewVersion:
    node = _node(project, spec, None)
    if node is None or node.sql is None:
        raise SpliceError(f"`{spec.name}` has no SQL file to copy")
    first: dict[str, object] = {"v": 1, "defined_in": node.sql.stem}
    if deprecate is not None:
        first["deprecation_date"] = deprecate
    splices = []
    if not make_latest:
        splices.append(add_key(yaml_text, root, model, "latest_version", 1, path))
    splices.append(add_key(yaml_text, root, model, "versions", [first, {"v": new}], path))
    sql_path = os.path.join(os.path.dirname(node.sql.path), f"{spec.name}_v{new}.sql")
    return NewVersion(spec.path, yaml_text, edit(yaml_text, splices), sql_path, node.sql.text, new, 1)


def _set(text: str, root: Node, mapping: MappingNode, key: str, value: object, path: tuple[str | int, ...]) -> Splice:
    existing = child(mapping, key)
    if existing is None:
        return add_key(text, root, mapping, key, value, path)
    found = find_scalar(root, existing.start_mark.line + 1, existing.start_mark.column + 1)
    if found is None:
        raise SpliceError(f"`{key}` is not a plain value")
    return replace_scalar(text, found[0], value, found[1])


def _literal(version: object) -> object:
    return version if isinstance(version, (int, float, str)) and not isinstance(version, bool) else str(version)


def _node(project: Project, spec: ModelSpec, version: object) -> ModelNode | None:
    for node in project.nodes:
        if node.name != spec.name or node.resource_type != "model":
            continue
        if version is None and node.version_spec is None:
            return node
        if version is not None and node.version_spec is not None and same_version(node.version_spec.v, version):  # type: ignore[arg-type]
            return node
    return None


def find_spec(projects: tuple[Project, ...], name: str) -> list[tuple[Project, ModelSpec]]:
    """The YAML entries of `name` (`model` or `project.model`) in the mesh's own projects."""
    project_name, _, model = name.rpartition(".")
    return [
        (project, spec)
        for project in projects
        if not project.external and project.package_of is None and project_name in ("", project.name)
        for spec in project.specs
        if spec.name == model
    ]


__all__ = ["NewVersion", "find_spec", "next_version", "plan_new_version", "version_key"]
