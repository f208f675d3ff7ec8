"""The nodes of a project as dbt builds them: one per model SQL file or per declared version (with
config merged by dbt's precedence and version columns resolved), plus seeds and snapshots, which
refs may name too."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from pathlib import Path

from meshlint.diagnostics import Location
from meshlint.project.config_tree import config_for, node_config
from meshlint.project.discover import iter_files
from meshlint.project.facts import ModelNode, ModelSpec, NodeConfig, SqlFile, VersionSpec
from meshlint.project.files import Reader
from meshlint.project.seed_types import seed_column_type
from meshlint.project.versions import latest_version_of, same_version, version_columns, version_key
from meshlint.rules.input_failures import YAML_INVALID


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


def model_nodes(
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
        node = ModelNode(
            unique_id=f"model.{project}.{stem}",
            project=project,
            name=stem,
            sql=sql,
            config=_config(tree, [project, *folders, stem], project_path, spec, None),
            spec=spec,
        )
        nodes.append(node.with_spec_columns() if spec is not None else node)  # its columns: spec.columns
    return tuple(sorted(nodes, key=lambda n: n.unique_id))


def seed_nodes(
    project: str,
    root: Path,
    seed_paths: tuple[str, ...],
    tree: object,
    project_path: str,
    reader: Reader,
    dialect: str | None = None,
) -> tuple[ModelNode, ...]:
    """Seeds: their columns are the CSV header; a column's type is the one `column_types` gives, else the
    one dbt infers from the values where meshlint can be sure of it (seed_types.py)."""
    nodes = []
    for seed_path in seed_paths:
        base = root / seed_path
        for file in iter_files(base, (".csv",)):
            text = reader.text(file)
            if text is None:
                continue
            rows, failure = _csv_rows(text)
            if failure is not None:
                reader.problems.append(
                    YAML_INVALID.diagnostic(f"Seed CSV cannot be read: {failure[0]}", Location(str(file), failure[1], 1))
                )
            header = rows[0] if rows else []
            folders = list(file.relative_to(base).parent.parts)
            config, _ = config_for(tree, [project, *folders, file.stem], project_path)
            types = config.get("column_types") if isinstance(config.get("column_types"), Mapping) else {}
            # an unreadable or ragged CSV fails dbt's load, so no type inferred from its values is certain
            ragged = any(len(row) != len(header) for row in rows[1:] if row)
            values_dialect = None if failure is not None or ragged else dialect
            columns = tuple(
                (
                    name.strip(),
                    _type_name(types.get(name.strip()))  # type: ignore[union-attr]
                    or seed_column_type((row[index] for row in rows[1:] if row), values_dialect),
                )
                for index, name in enumerate(header)
                if name.strip()
            )
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


def _csv_rows(text: str) -> tuple[list[list[str]], tuple[str, int] | None]:
    """The CSV's rows, and why and on which line reading stopped (a NUL byte, an over-long field...)."""
    parsed = csv.reader(io.StringIO(text))
    rows: list[list[str]] = []
    try:
        rows.extend(parsed)
    except csv.Error as error:
        return rows, (str(error), max(parsed.line_num, 1))
    return rows, None


_SNAPSHOT = re.compile(r"{%-?\s*snapshot\s+(\w+)\s*-?%}(.*?){%-?\s*endsnapshot\s*-?%}", re.S)


def snapshot_nodes(project: str, root: Path, snapshot_paths: tuple[str, ...], reader: Reader) -> tuple[ModelNode, ...]:
    """Snapshots, which refs may name: their SQL is the block's body, padded with blank lines so
    that line numbers stay those of the file."""
    nodes = []
    for snapshot_path in snapshot_paths:
        for file in iter_files(root / snapshot_path, (".sql",)):
            text = reader.text(file) or ""
            for match in _SNAPSHOT.finditer(text):
                name = match.group(1)
                body = "\n" * text.count("\n", 0, match.start(2)) + match.group(2)
                nodes.append(
                    ModelNode(
                        unique_id=f"snapshot.{project}.{name}",
                        project=project,
                        name=name,
                        sql=SqlFile(str(file), name, body),
                        config=node_config({"materialized": "snapshot"}, {}),
                        resource_type="snapshot",
                    )
                )
    return tuple(nodes)
