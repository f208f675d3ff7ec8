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
    return [path for path, _ in iter_files_in_folders(root, suffixes)]


def iter_files_in_folders(root: Path, suffixes: tuple[str, ...]) -> list[tuple[Path, tuple[str, ...]]]:
    """`iter_files`, each file with its folders below `root` (computed once per folder, not per file:
    a project may have thousands of models). Sorted as paths sort: by their parts.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     for name in ("a-c/x.sql", "a/b/y.sql", "a/z.sql", "a/.hidden/h.sql", "a/n.txt"):
    ...         (Path(folder) / name).parent.mkdir(parents=True, exist_ok=True)
    ...         _ = (Path(folder) / name).write_text("")
    ...     found = iter_files_in_folders(Path(folder), (".sql",))
    ...     [(p.relative_to(folder).as_posix(), parts) for p, parts in found] == [
    ...         ("a/b/y.sql", ("a", "b")), ("a/z.sql", ("a",)), ("a-c/x.sql", ("a-c",))]
    True
    """
    found = _found_in_folders(root, suffixes)
    if os.name != "posix":  # paths compare case-folded there: sort them as paths
        return sorted(((Path(current) / name, parts) for parts, name, current in found), key=lambda item: item[0])
    found.sort(key=lambda item: (*item[0], item[1]))
    return [(Path(os.path.join(current, name)), parts) for parts, name, current in found]


def file_names_in_folders(root: Path, suffixes: tuple[str, ...]) -> list[tuple[str, str, tuple[str, ...]]]:
    """`iter_files_in_folders` with each file as (the string of its path, its name): no `Path` object made
    per file (a project may have thousands of models).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     for name in ("a/b/y.sql", "z.sql"):
    ...         (Path(folder) / name).parent.mkdir(parents=True, exist_ok=True)
    ...         _ = (Path(folder) / name).write_text("")
    ...     expected = [(str(p), p.name, parts) for p, parts in iter_files_in_folders(Path(folder), (".sql",))]
    ...     file_names_in_folders(Path(folder), (".sql",)) == expected
    True
    """
    if os.name != "posix" or str(root) == ".":  # where joining the walk's strings may differ from the Path's string
        return [(str(path), path.name, parts) for path, parts in iter_files_in_folders(root, suffixes)]
    found = _found_in_folders(root, suffixes)
    found.sort(key=lambda item: (*item[0], item[1]))
    return [(os.path.join(current, name), name, parts) for parts, name, current in found]


def _found_in_folders(root: Path, suffixes: tuple[str, ...]) -> list[tuple[tuple[str, ...], str, str]]:
    """(folders below `root`, file name, the walk's folder string) of each file with one of `suffixes`."""
    if not root.is_dir():
        return []
    found: list[tuple[tuple[str, ...], str, str]] = []
    for current, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        chosen = [f for f in files if f.endswith(suffixes)]
        if chosen:
            parts = Path(current).relative_to(root).parts
            found.extend((parts, f, current) for f in chosen)
    return found
