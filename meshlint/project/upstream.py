"""Upstream projects that live in another repository, read from published metadata: a dbt
`manifest.json` (v10-v12, from `dbt parse`/`dbt build`) or meshlint's own interface file
(`meshlint export`). Either becomes an external `Project` whose models refs resolve to."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from meshlint.diagnostics import Location
from meshlint.project.facts import ColumnSpec, Dated, Group, ModelNode, ModelSpec, Project, VersionSpec
from meshlint.project.config_tree import node_config
from meshlint.project.profiles import ADAPTER_DIALECTS

INTERFACE_FORMAT = "meshlint-interface"
INTERFACE_VERSION = 1
FETCH_TIMEOUT_SECONDS = 20


class UpstreamError(Exception):
    """The metadata cannot be fetched or read; the message says why."""


@dataclass(frozen=True)
class UpstreamSource:
    name: str
    location: str  # a path or a URL
    origin: Location  # where the user named it (settings line, or the command line)


def fetch(location: str, base: Path) -> tuple[str, bytes]:
    """(display path, content) of a local file or an http(s)/file URL."""
    if location.startswith(("http://", "https://", "file://")):
        import urllib.error  # only for a URL: urllib.request takes a while to import
        import urllib.request

        try:
            with urllib.request.urlopen(location, timeout=FETCH_TIMEOUT_SECONDS) as response:  # noqa: S310 (user-given URL)
                return location, response.read()
        except (urllib.error.URLError, OSError, ValueError) as error:
            reason = getattr(error, "reason", error)
            raise UpstreamError(f"cannot fetch {location}: {reason}") from None
    path = Path(location)
    if not path.is_absolute():
        path = base / path
    try:
        return str(path), path.read_bytes()
    except OSError as error:
        raise UpstreamError(f"cannot read {path}: {error.strerror or error}") from None


def read_upstream(source: UpstreamSource, base: Path) -> Project:
    display, content = fetch(source.location, base)
    try:
        document = json.loads(content)
    except (ValueError, UnicodeDecodeError) as error:
        raise UpstreamError(f"{display} is not JSON: {error}") from None
    if not isinstance(document, dict):
        raise UpstreamError(f"{display} is not a dbt manifest nor a meshlint interface file")
    if document.get("format") == INTERFACE_FORMAT:
        return _from_interface(document, source.name, display)
    if isinstance(document.get("nodes"), dict) and "metadata" in document:
        return _from_manifest(document, source.name, display)
    raise UpstreamError(f"{display} is not a dbt manifest nor a meshlint interface file")


@dataclass(frozen=True)
class _Model:
    name: str
    version: object
    latest_version: object
    access: str
    group: str | None
    deprecation_date: object
    contract_enforced: bool
    materialized: str
    columns: tuple[ColumnSpec, ...]
    published: tuple[tuple[str, str | None], ...] | None
    published_closed: bool


def _project(name: str, display: str, models: list[_Model], groups: list[str], dialect: str | None) -> Project:
    here = Location(display, 1, 1)
    nodes = []
    specs: dict[str, ModelSpec] = {}
    by_name: dict[str, list[_Model]] = {}
    for model in models:
        by_name.setdefault(model.name, []).append(model)
    for model_name, versions in sorted(by_name.items()):
        latest = next((m.latest_version for m in versions if m.latest_version is not None), None)
        version_specs = tuple(
            VersionSpec(v=m.version, location=here, deprecation_date=Dated(m.deprecation_date, here) if m.deprecation_date else None)  # type: ignore[arg-type]
            for m in versions if m.version is not None
        )
        unversioned = next((m for m in versions if m.version is None), None)
        spec = ModelSpec(
            project=name, name=model_name, path=display, location=here,
            versions=version_specs,
            latest_version=Dated(latest, here) if latest is not None else None,
            deprecation_date=Dated(unversioned.deprecation_date, here) if unversioned and unversioned.deprecation_date else None,
        )
        specs[model_name] = spec
        for model in versions:
            version_spec = next((v for v in version_specs if str(v.v) == str(model.version)), None)
            raw = {
                "access": model.access,
                "group": model.group,
                "materialized": model.materialized,
                "contract": {"enforced": model.contract_enforced},
            }
            nodes.append(
                ModelNode(
                    unique_id=f"model.{name}.{model_name}" + (f".v{model.version}" if model.version is not None else ""),
                    project=name,
                    name=model_name,
                    sql=None,
                    config=node_config(raw, {}),
                    spec=spec,
                    version_spec=version_spec,
                    columns=model.columns,
                    published_columns=model.published,
                    published_closed=model.published_closed,
                )
            )
    return Project(
        name=name,
        root=display,
        path=display,
        dialect=dialect,
        dialect_origin=f"upstream metadata {display}",
        groups=tuple(Group(g, name, here) for g in groups),
        specs=tuple(specs.values()),
        nodes=tuple(sorted(nodes, key=lambda n: n.unique_id)),
        external=True,
    )


def _version(value: object) -> object:
    return value if isinstance(value, (int, float, str)) and not isinstance(value, bool) else None


def _columns(raw: object, display: str) -> tuple[ColumnSpec, ...]:
    here = Location(display, 1, 1)
    if isinstance(raw, Mapping):
        raw = list(raw.values())
    columns = []
    for column in raw if isinstance(raw, list) else []:
        if isinstance(column, Mapping) and isinstance(column.get("name"), str):
            data_type = column.get("data_type")
            columns.append(ColumnSpec(column["name"], here, str(data_type) if data_type else None, here if data_type else None, column.get("quote") is True))
    return tuple(columns)


def _from_manifest(document: Mapping[str, object], name: str, display: str) -> Project:
    models = []
    nodes = document.get("nodes")
    assert isinstance(nodes, Mapping)
    for node in nodes.values():
        if not isinstance(node, Mapping) or node.get("resource_type") != "model" or node.get("package_name") != name:
            continue
        config = node.get("config") if isinstance(node.get("config"), Mapping) else {}
        assert isinstance(config, Mapping)
        contract = node.get("contract") or config.get("contract") or {}
        models.append(
            _Model(
                name=str(node.get("name")),
                version=_version(node.get("version")),
                latest_version=_version(node.get("latest_version")),
                access=str(node.get("access") or config.get("access") or "protected"),
                group=node.get("group") or config.get("group"),  # type: ignore[arg-type]
                deprecation_date=node.get("deprecation_date"),
                contract_enforced=isinstance(contract, Mapping) and contract.get("enforced") is True,
                materialized=str(config.get("materialized") or "view"),
                columns=_columns(node.get("columns"), display),
                published=None,
                published_closed=False,
            )
        )
    groups = [
        str(g.get("name")) for g in (document.get("groups") or {}).values()  # type: ignore[union-attr]
        if isinstance(g, Mapping) and g.get("package_name") == name
    ]
    adapter = (document.get("metadata") or {}).get("adapter_type")  # type: ignore[union-attr]
    if not models:
        raise UpstreamError(f"{display} has no models of project `{name}` (is it the manifest of another project?)")
    return _project(name, display, models, groups, ADAPTER_DIALECTS.get(str(adapter)) if adapter else None)


def _from_interface(document: Mapping[str, object], name: str, display: str) -> Project:
    version = document.get("version")
    if version != INTERFACE_VERSION:
        raise UpstreamError(f"{display} is interface file version {version!r}; this meshlint reads version {INTERFACE_VERSION}")
    if document.get("project") != name:
        raise UpstreamError(f"{display} describes project `{document.get('project')}`, not `{name}`")
    models = []
    for model in document.get("models") or []:  # type: ignore[union-attr]
        if not isinstance(model, Mapping):
            continue
        columns = model.get("columns")
        declared = [c for c in columns if isinstance(c, Mapping) and c.get("declared_type") is not None] if isinstance(columns, list) else []
        published = (
            tuple((str(c.get("name")), c.get("inferred_type")) for c in columns if isinstance(c, Mapping))
            if isinstance(columns, list) else None
        )
        models.append(
            _Model(
                name=str(model.get("name")),
                version=_version(model.get("version")),
                latest_version=_version(model.get("latest_version")),
                access=str(model.get("access") or "protected"),
                group=model.get("group"),  # type: ignore[arg-type]
                deprecation_date=model.get("deprecation_date"),
                contract_enforced=model.get("contract_enforced") is True,
                materialized=str(model.get("materialized") or "view"),
                columns=_columns([{"name": c["name"], "data_type": c["declared_type"]} for c in declared], display),
                published=published,
                published_closed=model.get("columns_closed") is True,
            )
        )
    groups = [str(g) for g in document.get("groups") or []]  # type: ignore[union-attr]
    dialect = document.get("dialect")
    return _project(name, display, models, groups, str(dialect) if dialect else None)
