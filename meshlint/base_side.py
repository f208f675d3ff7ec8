"""`check --base REF`: analyse the base commit with the same stages as the head, compare the two
(`analyse/compare.py`) and run the change rules (ML501-ML503) on the comparison.

The base's files under the check roots are written, with git plumbing (no checkout), into a folder
of their own: under the cache folder, named by the commit, so that a second run against the same
base finds the same paths and the analysis cache answers for every model the change left alone.
Packages installed in the work tree (`dbt_packages/`, which git does not track) are lent to the
base, so both sides render with the same macros. Findings located in the base's files are reported
at the same path in the work tree."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from meshlint.analyse.compare import MeshChange, compare_meshes
from meshlint.analyse.facts import AnalysedMesh
from meshlint.diagnostics import Diagnostic, Location, Severity
from meshlint.project.downstream import DownstreamUse, read_downstream
from meshlint.project.git_tree import BaseRefError, Commit, list_files, repo_root, resolve_commit, write_files
from meshlint.project.upstream import UpstreamError, UpstreamSource
from meshlint.report.model import ChangeRow
from meshlint.rules.base import Rule
from meshlint.rules.input_failures import INTERNAL_ERROR, UPSTREAM_UNAVAILABLE, YAML_INVALID
from meshlint.settings import Settings

KEPT_TREES = 8  # base trees kept under the cache folder (the most recently used)
_COMPLETE = ".meshlint-complete"

# Loads and analyses the projects under the given folders: (analysed mesh, load problems).
Analyse = Callable[[list[Path]], tuple[AnalysedMesh, list[Diagnostic]]]

__all__ = ["BaseRefError", "change_findings", "downstream_sources"]


@dataclass(frozen=True)
class BaseTree:
    commit: Commit
    folder: Path  # where the base's files were written; `folder / p` is `commit.repo / p`
    roots: list[Path]  # the check roots, inside `folder`


def downstream_sources(settings: Settings, given: tuple[UpstreamSource, ...]) -> tuple[UpstreamSource, ...]:
    """Consumers from the command line, then those in settings that the command line does not name."""
    named = {d.name for d in given}
    origin = Location(settings.source or "<settings>", 1, 1)
    base = Path(settings.source).parent if settings.source else Path(".")
    from_settings = tuple(
        UpstreamSource(name, d.export if "://" in d.export else str(base / d.export), origin)
        for name, d in sorted(settings.downstream.items())
        if name not in named
    )
    return (*given, *from_settings)


def _tree_folder(commit: Commit, prefixes: tuple[str, ...], cache_dir: Path | None) -> tuple[Path, bool]:
    """Where to write the base, and whether it is already there (a finished earlier run)."""
    if cache_dir is None:
        return Path(tempfile.mkdtemp(prefix="meshlint-base-")), False
    name = hashlib.sha256("\0".join((str(commit.repo), commit.sha, *prefixes)).encode()).hexdigest()[:24]
    trees = cache_dir / "trees"
    folder = trees / name
    if (folder / _COMPLETE).is_file():
        os.utime(folder / _COMPLETE)
        return folder, True
    shutil.rmtree(folder, ignore_errors=True)
    _prune(trees)
    return folder, False


def _prune(trees: Path) -> None:
    if not trees.is_dir():
        return
    done = sorted(
        (p for p in trees.iterdir() if (p / _COMPLETE).is_file()),
        key=lambda p: (p / _COMPLETE).stat().st_mtime,
        reverse=True,
    )
    for old in done[KEPT_TREES - 1 :]:
        shutil.rmtree(old, ignore_errors=True)


def write_base_tree(ref: str, roots: list[Path], cache_dir: Path | None) -> BaseTree:
    """The base's files under the check roots, written out (or found from an earlier run)."""
    repo = repo_root(roots[0])
    commit = resolve_commit(repo, ref)
    prefixes = []
    for root in roots:
        resolved = root.resolve()
        if resolved != repo and repo not in resolved.parents:
            raise BaseRefError(f"{root} is not inside the git work tree at {repo}")
        prefixes.append(resolved.relative_to(repo).as_posix() if resolved != repo else "")
    folder, ready = _tree_folder(commit, tuple(sorted(prefixes)), cache_dir)
    if not ready:
        try:
            write_files(commit, list_files(commit, tuple(prefixes)), folder)
            folder.mkdir(parents=True, exist_ok=True)
            (folder / _COMPLETE).write_text(commit.sha + "\n", encoding="utf-8")
        except OSError as error:
            raise BaseRefError(f"cannot write the base's files to {folder}: {error}") from None
    return BaseTree(commit, folder, [folder / p if p else folder for p in prefixes])


def _lend_packages(tree: BaseTree, head: AnalysedMesh) -> None:
    """Point each base project at the work tree's installed packages, when git does not have them."""
    for project in head.mesh.projects:
        if project.external or project.package_of is not None:
            continue
        installed = Path(project.root) / "dbt_packages"
        try:
            relative = Path(project.root).resolve().relative_to(tree.commit.repo)
        except ValueError:
            continue
        lent = tree.folder / relative / "dbt_packages"
        if installed.is_dir() and lent.parent.is_dir() and not lent.exists() and not lent.is_symlink():
            try:
                lent.symlink_to(installed.resolve(), target_is_directory=True)
            except OSError:
                continue


def _relocate(diagnostic: Diagnostic, tree: BaseTree) -> Diagnostic:
    path = diagnostic.location.path
    prefix = str(tree.folder) + os.sep
    if path.startswith(prefix):
        moved = str(tree.commit.repo / path[len(prefix):])
        return replace(diagnostic, location=replace(diagnostic.location, path=moved))
    return diagnostic


def _unknown_files(problems: Iterable[Diagnostic], base: AnalysedMesh) -> set[tuple[str, str]]:
    """(project, path in the project) of the base files that could not be read or parsed."""
    unknown = set()
    roots = sorted(((p.root + os.sep, p.name) for p in base.mesh.projects if not p.external), reverse=True)
    for problem in problems:
        if problem.code != YAML_INVALID.code:
            continue
        for root, name in roots:
            if problem.location.path.startswith(root):
                unknown.add((name, problem.location.path[len(root):]))
                break
    return unknown


def _read_downstreams(sources: tuple[UpstreamSource, ...], cwd: Path) -> tuple[tuple[DownstreamUse, ...], list[Diagnostic]]:
    uses: list[DownstreamUse] = []
    problems = []
    for source in sources:
        try:
            uses.extend(read_downstream(source, cwd))
        except UpstreamError as error:
            problems.append(
                replace(
                    UPSTREAM_UNAVAILABLE.diagnostic(
                        f"Downstream export for project `{source.name}` cannot be used: {error}; its models are not checked",
                        source.origin,
                        help="give the consumer's `meshlint export` file, as a path or an http(s):// URL",
                    ),
                    severity=Severity.ERROR,
                )
            )
    return tuple(uses), problems


def change_rows(change: MeshChange) -> tuple[ChangeRow, ...]:
    """The comparison as report rows: one per added, removed or changed model and version."""
    rows = []
    for node in change.nodes:
        removed = tuple(
            f"{c.name} -> {c.renamed_to}" if c.renamed_to else c.name for c in node.columns.changed if c.change == "removed"
        )
        retyped = tuple((c.name, c.old_type, c.new_type) for c in node.columns.changed if c.change == "retyped")
        deprecation = node.deprecation[1] if node.deprecation is not None else None
        rows.append(ChangeRow(node.unique_id, node.status, node.columns.added, removed, retyped, deprecation, bool(node.contract)))
    return tuple(rows)


def change_findings(
    ref: str,
    roots: list[Path],
    head: AnalysedMesh,
    analyse: Analyse,
    rules: Iterable[Rule],
    downstreams: tuple[UpstreamSource, ...],
    cwd: Path,
    cache_dir: Path | None,
) -> tuple[list[Diagnostic], tuple[ChangeRow, ...]]:
    """The change rules' findings for the head against the base `ref`, and what changed; BaseRefError
    when the base cannot be read."""
    tree = write_base_tree(ref, roots, cache_dir)
    try:
        _lend_packages(tree, head)
        base_roots = [r for r in tree.roots if r.exists()]  # a root missing at the base: all of it is new
        base, base_problems = analyse(base_roots) if base_roots else (None, [])
        uses, problems = _read_downstreams(downstreams, cwd)
        if base is None:  # nothing of the roots at the base: all is new
            return problems, ()
        change = compare_meshes(base, head, _unknown_files(base_problems, base), uses)
        found: list[Diagnostic] = list(problems)
        for rule in rules:
            if rule.check_change is None:
                continue
            try:
                found.extend(_relocate(d, tree) for d in rule.check_change(change))
            except Exception as error:  # a crashing rule must not stop the run
                found.append(
                    INTERNAL_ERROR.diagnostic(
                        f"Rule {rule.code} ({rule.name}) crashed: {type(error).__name__}: {error}",
                        Location("<mesh>"),
                        help="this is a bug in meshlint; please report it with the change that triggers it",
                    )
                )
        return found, change_rows(change)
    finally:
        if cache_dir is None:
            shutil.rmtree(tree.folder, ignore_errors=True)
