"""A dbt `catalog.json` (from `dbt docs generate`): the warehouse's own column lists, which complete
what YAML documents only partly (sources above all)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from meshlint.diagnostics import Diagnostic, Location
from meshlint.rules.input_failures import YAML_INVALID

# unique id (source.p.s.t / model.p.m[.vN]) -> columns in warehouse order: (name, type)
Catalog = Mapping[str, tuple[tuple[str, str | None], ...]]


def read_catalogs(paths: tuple[Path, ...]) -> tuple[dict[str, tuple[tuple[str, str | None], ...]], list[Diagnostic]]:
    """Merge the catalogs at `paths`; an unreadable one is an ML001 finding, never a crash.

    >>> read_catalogs(())
    ({}, [])
    """
    merged: dict[str, tuple[tuple[str, str | None], ...]] = {}
    problems: list[Diagnostic] = []
    for path in paths:
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, UnicodeDecodeError) as error:
            problems.append(YAML_INVALID.diagnostic(f"catalog cannot be read: {error}", Location(str(path), 1, 1)))
            continue
        if not isinstance(document, Mapping):
            problems.append(YAML_INVALID.diagnostic("catalog is not a dbt catalog.json", Location(str(path), 1, 1)))
            continue
        for section in ("nodes", "sources"):
            entries = document.get(section)
            for unique_id, entry in (entries.items() if isinstance(entries, Mapping) else ()):
                columns = entry.get("columns") if isinstance(entry, Mapping) else None
                if not isinstance(columns, Mapping):
                    continue
                ordered = sorted(
                    (c for c in columns.values() if isinstance(c, Mapping) and isinstance(c.get("name"), str)),
                    key=lambda c: c.get("index") if isinstance(c.get("index"), int) else 0,
                )
                merged[str(unique_id)] = tuple((c["name"], str(c["type"]) if c.get("type") else None) for c in ordered)
    return merged, problems
