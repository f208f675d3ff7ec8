"""Run the stages: load, render + analyse, rules, then selection, severities, suppressions and a
stable order. A rule that crashes on a node becomes an ML000 finding; the run goes on."""

from __future__ import annotations

import contextlib
import datetime
import fnmatch
import functools
import gc
import json
import os
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from meshlint.analyse.cache import AnalysisCache
from meshlint.analyse.facts import AnalysedMesh, RuleOptions
from meshlint.analyse.pipeline import analyse_mesh
from meshlint.analyse.scope import project_change
from meshlint.cascades import drop_follow_ons, drop_restated
from meshlint.diagnostics import Diagnostic, Location, Severity
from meshlint.project.dialect_evidence import dialect_notes
from meshlint.project.facts import Mesh
from meshlint.project.loader import load_mesh
from meshlint import reuse
from meshlint.render.budget import RenderLimits
from meshlint.render.state import RenderResult
from meshlint.report.model import ChangeRow, Summary
from meshlint.rules.base import Rule
from meshlint.project.suppressions import FileSuppressions, Suppression, covers
from meshlint.project.upstream import UpstreamSource
from meshlint.rules.input_failures import INTERNAL_ERROR, UNUSED_SUPPRESSION
from meshlint.rules.registry import BY_CODE, RULES
from meshlint.settings import Settings


@dataclass(frozen=True)
class RunResult:
    diagnostics: tuple[Diagnostic, ...]
    summary: Summary
    analysed: AnalysedMesh
    node_paths: dict[str, str]
    cwd: Path | None = None
    changes: tuple[ChangeRow, ...] = ()  # with a base: what changed per model and version
    # Each model's stand-in macros, when `analysed` holds only the models a warm run re-checked
    stand_ins: tuple[tuple[str, ...], ...] | None = None

    @property
    def notes(self) -> tuple[str, ...]:
        """What a reader should know about how the models were rendered."""
        dialects = dialect_notes(self.analysed.mesh.projects, self.cwd)
        stand_ins = self.stand_ins
        if stand_ins is None:
            stand_ins = tuple(n.render.stand_ins for n in self.analysed.nodes if n.render is not None)
        used = sorted({m for macros in stand_ins for m in macros})
        if not used:
            return dialects
        models = sum(1 for macros in stand_ins if macros)
        return (
            *dialects,
            f"{models} model(s) rendered with meshlint's stand-ins for macros of packages that are not "
            f"installed (run `dbt deps` to use the real ones): {', '.join(used)}",
        )


def matches(rule: Rule, selectors: Iterable[str]) -> bool:
    """A selector is a code (`ML101`), a code prefix (`ML1`, `ML`), or a rule name.

    >>> from meshlint.rules.registry import BY_CODE
    >>> matches(BY_CODE["ML101"], ["ML1"]), matches(BY_CODE["ML101"], ["contract-column-missing"]), matches(BY_CODE["ML101"], ["ML2"])
    (True, True, False)
    """
    return any(rule.code.startswith(s.upper()) or rule.name == s for s in selectors)


def active_rules(settings: Settings) -> tuple[Rule, ...]:
    if settings.select:
        chosen = [r for r in RULES if matches(r, settings.select)]
    else:
        chosen = [r for r in RULES if r.default_enabled]
    chosen += [r for r in RULES if matches(r, settings.extend_select) and r not in chosen]
    return tuple(r for r in RULES if r in chosen and not matches(r, settings.ignore))


def run_rules(analysed: AnalysedMesh, rules: Iterable[Rule]) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for _, _, findings in rule_findings(analysed, rules):
        found.extend(findings)
    return found


def rule_findings(
    analysed: AnalysedMesh, rules: Iterable[Rule], only: Collection[str] | None = None
) -> Iterator[tuple[Rule, str | None, list[Diagnostic]]]:
    """Each rule's findings, in run order: a mesh rule's as (rule, None, findings), a node rule's per
    model as (rule, unique id, findings); node rules only on the `only` models when given."""
    packages = {p.name for p in analysed.mesh.projects if p.package_of is not None}
    lintable = [  # a package's own models are its authors' concern
        n for n in analysed.nodes if n.node.project not in packages and (only is None or n.unique_id in only)
    ]
    for rule in rules:
        if rule.check_mesh is not None:
            found: list[Diagnostic] = []
            try:
                found.extend(rule.check_mesh(analysed))
            except Exception as error:  # a crashing rule must not stop the run
                found.append(_crash(rule, error, None, Location("<mesh>")))
            yield rule, None, found
        if rule.check_node is not None:
            for node in lintable:
                found = []
                try:
                    found.extend(rule.check_node(node, analysed))
                except Exception as error:  # a crashing rule must not stop the run
                    location = Location(node.node.sql.path, 1, 1) if node.node.sql else node.node.location
                    found.append(_crash(rule, error, node.unique_id, location))
                yield rule, node.unique_id, found


def _crash(rule: Rule, error: Exception, node: str | None, location: Location) -> Diagnostic:
    return INTERNAL_ERROR.diagnostic(
        f"Rule {rule.code} ({rule.name}) crashed: {type(error).__name__}: {error}",
        location,
        node=node,
        help="this is a bug in meshlint; please report it with the model that triggers it",
    )


def _relative(path: str, cwd: Path) -> str:
    if path.startswith("<"):
        return path
    folder, name = os.path.split(path)
    here = str(cwd)
    if os.path.isabs(folder) and os.path.isabs(here):  # what the loader gives: no need to ask the process's folder
        return f"{_relative_absolute(folder, here)}/{name}".removeprefix("./")
    return f"{_relative_folder(os.path.abspath(folder or '.'), os.path.abspath(cwd))}/{name}".removeprefix("./")


@functools.lru_cache(maxsize=4096)
def _relative_absolute(folder: str, cwd: str) -> str:
    return _relative_folder(os.path.normpath(folder), os.path.normpath(cwd))


@functools.lru_cache(maxsize=4096)
def _relative_folder(folder: str, cwd: str) -> str:
    """A folder relative to `cwd`, in POSIX form (computed once per folder: a mesh has far fewer folders than files)."""
    try:
        return Path(os.path.relpath(folder, cwd)).as_posix()
    except ValueError:  # another drive on Windows
        return Path(folder).as_posix()


def apply_suppressions(
    diagnostics: Iterable[Diagnostic], suppressions: Mapping[str, FileSuppressions], report_unused: bool
) -> list[Diagnostic]:
    """Drop findings a `noqa` comment covers; with ML007 selected, report the comments that
    covered nothing."""
    kept = []
    used: set[tuple[str, Suppression]] = set()
    for diagnostic in diagnostics:
        found = suppressions.get(diagnostic.location.path)
        covering = [s for s in found.items if covers(s, diagnostic.code, diagnostic.location.line)] if found else []
        if covering and diagnostic.code != UNUSED_SUPPRESSION.code:
            used.update((diagnostic.location.path, s) for s in covering)
        else:
            kept.append(diagnostic)
    if report_unused:
        for path, file in suppressions.items():
            for item in file.items:
                if (path, item) not in used:
                    codes = ", ".join(item.codes) if item.codes else "any code"
                    kept.append(
                        UNUSED_SUPPRESSION.diagnostic(
                            f"`noqa` for {codes} suppresses nothing", Location(path, item.line or 1, 1)
                        )
                    )
    return kept


def finalize(diagnostics: Iterable[Diagnostic], settings: Settings, rules: tuple[Rule, ...], cwd: Path) -> tuple[Diagnostic, ...]:
    codes = {r.code for r in rules}
    result = []
    seen = set()
    for diagnostic in diagnostics:
        if diagnostic.code not in codes:
            continue
        path = _relative(diagnostic.location.path, cwd)
        if any(fnmatch.fnmatch(path, pattern) and matches(BY_CODE[diagnostic.code], ignored)
               for pattern, ignored in settings.per_path_ignores.items()):
            continue
        override = settings.severity.get(diagnostic.code) or settings.severity.get(diagnostic.rule)
        diagnostic = replace(
            diagnostic,
            location=replace(diagnostic.location, path=path),
            severity=Severity(override) if override else diagnostic.severity,
        )
        key = diagnostic.sort_key()
        if key not in seen:
            seen.add(key)
            result.append(diagnostic)
    return tuple(sorted(result, key=Diagnostic.sort_key))


def limit_to_changes(
    diagnostics: Iterable[Diagnostic], analysed: AnalysedMesh, changed: Iterable[Path]
) -> list[Diagnostic]:
    """Keep the findings a change can have caused: those in the changed files, and those on the
    models the files define (every version), on models reading sources a changed YAML declares,
    and on the models that ref any of these directly. Any other changed file of a project
    (dbt_project.yml, dependencies.yml, a macro, a seed) keeps the whole project."""
    changed_paths = {str(p.resolve()) for p in changed}
    touched: set[tuple[str, str]] = set()
    whole_projects: set[str] = set()
    for project in analysed.mesh.projects:
        change = project_change(project, changed_paths)
        if change is None:
            continue
        inside, changed_sources, whole = change
        if whole:
            whole_projects.add(project.name)
        for node in project.nodes:
            analysed_node = analysed.by_id.get(node.unique_id)
            reads = {(c.source, c.table) for c in analysed_node.render.sources} if analysed_node and analysed_node.render else set()
            files = {node.sql.path if node.sql else "", node.spec.path if node.spec else ""}
            if files & inside or reads & changed_sources:
                touched.add((node.project, node.name))
    scope = {
        n.unique_id for n in analysed.nodes
        if (n.node.project, n.node.name) in touched or n.node.project in whole_projects
    }
    scope |= {
        consumer.unique_id
        for consumer in analysed.nodes
        for ref in consumer.refs
        if ref.target is not None and ref.target.unique_id in scope
    }
    roots = tuple(p.root + os.sep for p in analysed.mesh.projects if p.name in whole_projects)
    return [
        d for d in diagnostics
        if d.location.path in changed_paths
        or (d.node is not None and d.node in scope)
        or (d.node is None and d.location.path.startswith(roots))
    ]


def upstream_sources(settings: Settings, given: tuple[UpstreamSource, ...]) -> tuple[UpstreamSource, ...]:
    """Upstreams from the command line, then those in settings that the command line does not name."""
    named = {u.name for u in given}
    origin = Location(settings.source or "<settings>", 1, 1)
    base = Path(settings.source).parent if settings.source else Path(".")
    from_settings = tuple(
        UpstreamSource(name, u.manifest if "://" in u.manifest else str(base / u.manifest), origin)
        for name, u in sorted(settings.upstream.items())
        if name not in named
    )
    return (*given, *from_settings)


def render_limits(settings: Settings) -> RenderLimits:
    limits = settings.limits
    return RenderLimits(limits.render_max_steps, limits.render_max_seconds, limits.render_max_chars)


@contextlib.contextmanager
def _long_lived_heap() -> Iterator[None]:
    """Fewer garbage-collector passes while a run builds a large, long-lived heap (the loaded mesh, then
    every model's facts), which the collector would otherwise rescan again and again: on a 5,000-model mesh
    that was 2 s of a 5 s warm run. Young garbage (each model's parsed tree) is still collected."""
    threshold = gc.get_threshold()
    gc.set_threshold(10_000, 10, 10)
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def check(
    paths: list[Path],
    settings: Settings,
    today: datetime.date,
    cwd: Path,
    profiles_dir: Path | None = None,
    cli_vars: dict[str, object] | None = None,
    changed: list[Path] | None = None,
    upstreams: tuple[UpstreamSource, ...] = (),
    catalogs: tuple[Path, ...] = (),
    cache_dir: Path | None = None,
    jobs: int = 1,
    progress: Callable[[int, int], None] | None = None,
    base_ref: str | None = None,
    downstreams: tuple[UpstreamSource, ...] = (),
    analyse_all: bool = False,
    reuse_findings: bool = False,
) -> RunResult:
    """Lint the mesh under `paths`. With `base_ref`, also analyse that git commit the same way and
    report what the change breaks (ML501-ML503; `base_side.BaseRefError` when the base cannot be read).
    With `changed` files, only what their findings need is analysed, unless `analyse_all` (the same
    findings, for tests and measurements). With `reuse_findings` and a cache, the findings of models
    an edit cannot change come from the previous run (`reuse.py`), and the result's `analysed` holds
    only the models re-checked: for callers that need the findings, not every model's analysis."""
    with _long_lived_heap():
        base = Path(settings.source).parent if settings.source else cwd
        catalogs = (*catalogs, *(base / c for c in settings.catalog))
        cache = AnalysisCache(cache_dir) if cache_dir is not None else None
        rules = active_rules(settings)
        change_found: list[Diagnostic] = []
        changes: tuple[ChangeRow, ...] = ()
        merged_vars = {**settings.vars, **(cli_vars or {})}

        # a run scoped to changed files analyses only what their findings need; with a base, the comparison
        # reads every model of the work tree
        scope = sorted({str(p.resolve()) for p in changed}) if changed and base_ref is None and not analyse_all else None

        def load(roots: list[Path], log: list[tuple[str, str]] | None = None) -> tuple[Mesh, list[Diagnostic]]:
            loaded = load_mesh(roots, settings, profiles_dir, upstream_sources(settings, upstreams), cwd, catalogs, cache, log, jobs)
            gc.freeze()  # the loaded mesh lives to the end of the run: the collector need not scan it again
            return loaded

        def analyse(
            mesh: Mesh,
            progress: Callable[[int, int], None] | None = None,
            scope: list[str] | None = None,
            models: Collection[str] | None = None,
            known: Mapping[str, RenderResult] | None = None,
        ) -> AnalysedMesh:
            return analyse_mesh(
                mesh,
                today,
                RuleOptions(settings.deprecation_window_days, settings.strict_types),
                cli_vars=merged_vars,
                allowed_env_vars=frozenset(settings.allowed_env_vars),
                cache=cache,
                jobs=jobs,
                progress=progress,
                limits=render_limits(settings),
                changed=scope,
                models=models,
                known=known,
            )

        def load_and_analyse(
            roots: list[Path], progress: Callable[[int, int], None] | None = None, scope: list[str] | None = None
        ) -> tuple[AnalysedMesh, list[Diagnostic]]:
            mesh, load_problems = load(roots)
            return analyse(mesh, progress, scope), load_problems

        snapshot_key: str | None = None
        warm: reuse.WarmRun | None = None
        found_by_rule: list[tuple[Rule, str | None, list[Diagnostic]]] = []
        try:
            if reuse_findings and cache is not None and base_ref is None and not changed:
                log: list[tuple[str, str]] = []
                loaded, load_problems = load(paths, log)
                run = {
                    "settings": settings.model_dump_json(),
                    "today": today.isoformat(),
                    "vars": json.dumps(merged_vars, sort_keys=True, default=str),
                    "env": sorted((name, os.environ.get(name)) for name in settings.allowed_env_vars),
                    "paths": [str(p.resolve()) for p in paths],
                    "cwd": str(cwd.resolve()),
                    "profiles": str(profiles_dir.resolve()) if profiles_dir is not None else None,
                    "catalogs": [str(c) for c in catalogs],
                    "upstreams": [repr(u) for u in upstream_sources(settings, upstreams)],
                }
                snapshot_key = reuse.snapshot_key(loaded, log, rules, run)
                del log
                snapshot = reuse.read(cache, snapshot_key) if snapshot_key is not None else None
                if snapshot is not None:
                    warm = reuse.warm_run(snapshot, loaded, analyse, rules, rule_findings)
                analysed = warm.analysed if warm is not None else analyse(loaded, progress)
            else:
                analysed, load_problems = load_and_analyse(paths, progress, scope)
            mesh = analysed.mesh
            if base_ref is not None:
                from meshlint.base_side import change_findings, downstream_sources  # only with a base

                change_found, changes = change_findings(
                    base_ref, paths, analysed, load_and_analyse, rules, downstream_sources(settings, downstreams), cwd, cache_dir
                )
            gc.freeze()  # so do the analysed models
            if warm is not None:
                found = [*load_problems, *warm.found]
                if warm.snapshot is not None:
                    cache.put(snapshot_key, warm.snapshot)  # type: ignore[union-attr,arg-type]
            else:
                found_by_rule = list(rule_findings(analysed, rules))
                found = [*load_problems, *analysed.problems, *(d for _, _, ds in found_by_rule for d in ds)]
                if snapshot_key is not None:
                    cache.put(snapshot_key, reuse.snapshot_of(analysed, found_by_rule))  # type: ignore[union-attr]
        finally:
            if cache is not None:
                cache.close()
        found = drop_follow_ons(found)
        if change_found:
            found, change_found = drop_restated(found, change_found)
        found = apply_suppressions(found, mesh.suppressions, UNUSED_SUPPRESSION in rules)
        if changed:
            found = limit_to_changes(found, analysed, changed)
        # findings about the change are about what the change touched already: pre-commit scoping keeps them
        found += apply_suppressions(change_found, mesh.suppressions, False)
        diagnostics = finalize(found, settings, rules, cwd)
        if warm is not None:
            summary = Summary(projects=len(mesh.projects), models=warm.models, models_closed=warm.closed)
            node_paths = {uid: _relative(path, cwd) for uid, path in warm.sql_paths}
            return RunResult(diagnostics, summary, analysed, node_paths, cwd.resolve(), changes, warm.stand_ins)
        summary = Summary(
            projects=len(mesh.projects),
            models=analysed.models_in_mesh if analysed.models_in_mesh is not None else len(analysed.nodes),
            models_closed=sum(1 for n in analysed.nodes if n.columns is not None and n.columns.closed),
            models_analysed=len(analysed.nodes) if analysed.models_in_mesh is not None else None,
        )
        node_paths = {n.unique_id: _relative(n.node.sql.path, cwd) for n in analysed.nodes if n.node.sql is not None}
        return RunResult(diagnostics, summary, analysed, node_paths, cwd.resolve(), changes)
