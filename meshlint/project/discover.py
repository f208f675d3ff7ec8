"""Find the dbt projects under the paths a user gives."""

from __future__ import annotations

import os
from pathlib import Path

SKIPPED_DIRS = frozenset({"dbt_packages", "target", "logs", "node_modules", "site-packages", "venv"})


def find_project_files(paths: list[Path]) -> list[Path]:
    """Every `dbt_project.yml` under `paths`, skipping installed packages, build output, virtualenvs
    and hidden folders; sorted so the mesh is the same whatever the file system's order."""
    found: set[Path] = set()
    for path in paths:
        if path.is_file() and path.name == "dbt_project.yml":
            found.add(path.resolve())
            continue
        for root, dirs, files in os.walk(path):
            dirs[:] = [d for d in dirs if d not in SKIPPED_DIRS and not d.startswith(".")]
            if "dbt_project.yml" in files:
                found.add((Path(root) / "dbt_project.yml").resolve())
    return sorted(found)


def iter_files(root: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """Files under `root` with one of `suffixes`, sorted, hidden folders skipped."""
    if not root.is_dir():
        return []
    result: list[Path] = []
    for current, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        result.extend(Path(current) / f for f in files if f.endswith(suffixes))
    return sorted(result)
