"""Run render and inference over the mesh in dbt's two passes: a parse pass renders every model
to learn its refs (the graph); a compile pass then walks the graph parents-first, re-rendering
only models whose templates depend on `execute`, and infers each model's columns from what its
parents are known to produce."""

from __future__ import annotations

import concurrent.futures
import datetime
import functools
import heapq
import json
import multiprocessing
import os
import pickle
import queue
import re
from collections.abc import Callable, Collection, Mapping

from sqlglot import exp
from sqlglot.errors import SqlglotError

from meshlint.analyse.cache import AnalysisCache, digest, texts_digest
from meshlint.analyse.columns import ColumnSet, InferredColumn, SqlParseFailure, TableColumns, type_id
from meshlint.analyse.contract_order import in_contract_order
from meshlint.analyse.facts import AnalysedMesh, AnalysedNode, ResolvedRef, RuleOptions
from meshlint.analyse.graph import NodeIndex, resolve_ref, topological_order
from meshlint.analyse.identifiers import warehouse_name
from meshlint.analyse.scope import Parsed, needed_models, static_render
from meshlint.analyse.scope import close as close_scope
from meshlint.analyse.tasks import (
    MIN_PARALLEL_MODELS,
    Inferred,
    InferTask,
    process_pool,
    render_pickled,
    run_task,
    run_task_pickled,
    set_worker_render,
    waves,
)
from meshlint.diagnostics import Diagnostic, Location
from meshlint.project.config_tree import node_config
from meshlint.project.facts import Mesh, ModelNode, NodeConfig, Project
from meshlint.project.profiles import DIALECT_ADAPTERS
from meshlint.render.budget import RenderLimits
from meshlint.render.context import RenderInputs, package_vars
from meshlint.render.environment import builtin_macro_sources
from meshlint.render.graph_context import graph_context
from meshlint.render.properties import render_properties
from meshlint.render.render import ProjectMacros, Renderer
from meshlint.render.state import RefCall, RenderResult
from meshlint.render.values import UNKNOWN_TOKEN, Column
from meshlint.rules.input_failures import (
    CANNOT_VERIFY,
    JINJA_INVALID,
    REF_CYCLE,
    SQL_UNPARSEABLE,
)


def declared_type(data_type: str | None, dialect: str) -> exp.DataType | None:
    """A YAML `data_type` as a sqlglot type (None when it does not parse). Parsed once per spelling and
    dialect: a source's or a contracted parent's columns are read by many models, and types are values
    that nothing mutates.

    >>> declared_type("numeric(18, 2)", "duckdb") is declared_type("numeric(18, 2)", "duckdb")
    True
    """
    if not data_type:
        return None
    return _declared_type(data_type, dialect)


@functools.lru_cache(maxsize=4096)
def _declared_type(data_type: str, dialect: str) -> exp.DataType | None:
    try:
        return exp.DataType.build(data_type, dialect=dialect, udt=True)
    except (SqlglotError, ValueError):
        return None


def build_renderer(
    mesh: Mesh, cache: AnalysisCache | None = None, limits: RenderLimits = RenderLimits()
) -> tuple[Renderer, list[Diagnostic]]:
    renderer = Renderer(cache, limits)
    for project in mesh.projects:  # installed packages are members of the mesh too
        for macro in project.macro_files:
            renderer.add_macro_file(project.name, macro.path, macro.text)
    problems = [
        JINJA_INVALID.diagnostic(p.message, Location(p.path, p.line, 1)) for p in renderer.catalog.problems
    ]
    return renderer, problems


class _Analysis:
    def __init__(
        self,
        mesh: Mesh,
        cli_vars: Mapping[str, object],
        allowed_env_vars: frozenset[str],
        today: datetime.date,
        cache: AnalysisCache | None = None,
        limits: RenderLimits = RenderLimits(),
    ) -> None:
        self.cache = cache
        self.cli_vars = cli_vars
        self.allowed_env_vars = allowed_env_vars
        self.today = today
        # a package's var() sees the vars of the project that installs it (dbt's precedence)
        self.roots = {p.name: p for p in mesh.projects if p.package_of is None}
        self.renderer, self.problems = build_renderer(mesh, cache, limits)
        self.graph: Mapping[str, object] = {}  # YAML values render before the graph exists, as in dbt
        self.mesh = mesh = render_properties(mesh, self.yaml_renderer)
        self.index = NodeIndex.of(mesh)
        self._resolved: dict[tuple[object, ...], ResolvedRef] = {}  # see `_resolve`
        self.projects = {p.name: p for p in mesh.projects}
        # each project's source tables by (source, table), built once rather than per model
        self.sources = {p.name: {(t.source, t.name): t for t in p.sources} for p in mesh.projects}
        self.macros = {
            p.name: ProjectMacros(p.name, frozenset(pkg.name for pkg in p.packages), p.dispatch) for p in mesh.projects
        }
        self.done: dict[str, AnalysedNode] = {}
        # analysed models a model must not see (see `_compile`): done, but not in an earlier wave than it
        self.hidden: frozenset[str] = frozenset()
        self._configs: dict[str, tuple[ModelNode, RenderResult | None, NodeConfig]] = {}
        self._table_keys: dict[tuple[str, str], object] = {}
        self._source_keys: dict[tuple[str, str, str], str] = {}
        self.graph = _LazyGraph(mesh)  # built when a render first reads it (a warm run renders few models)
        # What every render depends on besides its template: all macros, vars, allowed env values, the day.
        self.render_salt = digest(
            texts_digest((m.path, m.text) for p in mesh.projects for m in p.macro_files),
            texts_digest((path, text) for _, path, text in builtin_macro_sources()),
            sorted((p.name, json.dumps(p.vars, sort_keys=True, default=str), p.dialect or "") for p in mesh.projects),
            json.dumps(cli_vars, sort_keys=True, default=str),
            sorted((name, os.environ.get(name)) for name in allowed_env_vars),
            today.isoformat(),
            limits.max_steps,
            limits.max_chars,
        )

    def yaml_renderer(self, project: Project) -> Callable[[str], str]:
        """Renders a YAML value's Jinja with the project's vars, env_var and target."""
        macros = ProjectMacros(project.name, frozenset(p.name for p in project.packages), project.dispatch)
        node = ModelNode(f"yaml.{project.name}", project.name, project.name, None, NodeConfig())

        def render(text: str) -> str:
            result = self.renderer.render(f"<yaml>{text}", text, self.inputs(project, node, False), macros)
            return result.sql if result.sql is not None else text

        return render

    def resolve(self, call: RefCall, project: Project, disabled: set[str]) -> ResolvedRef:
        ref = self._resolve(call, project)
        if ref.target is not None and ref.target.unique_id in disabled:
            return ResolvedRef(call, ref.project, None, "disabled")
        return ref

    def _resolve(self, call: RefCall, project: Project) -> ResolvedRef:
        """`resolve_ref`, looked up once per project and ref (its package, name and version): thousands of
        models ref the same parents, and a warm run resolves every model's refs."""
        # the version's type too: `v=1` and `v=True` are equal keys, and different refs (the mesh's projects live
        # as long as the analysis, so their ids name them)
        key = (id(project), call.package, call.name, type(call.version), call.version)
        try:
            found = self._resolved.get(key)
        except TypeError:  # a version that is not hashable (a list...): not memoised
            return resolve_ref(call, project, self.index)
        if found is None:
            found = self._resolved[key] = resolve_ref(call, project, self.index)
        return found if found.call is call else ResolvedRef(call, found.project, found.target, found.problem)

    def vars_of(self, project: Project) -> Mapping[str, object]:
        owner = self.roots.get(project.package_of) if project.package_of is not None else None
        return package_vars(project.name, project.vars, owner.vars) if owner is not None else project.vars

    def inputs(self, project: Project, node: ModelNode, execute: bool) -> RenderInputs:
        return RenderInputs(
            project=project.name,
            model_name=node.name,
            # without a dialect, render as the permissive dialect's adapter that names-only inference parses
            adapter_type=DIALECT_ADAPTERS.get(project.dialect or PERMISSIVE_DIALECT, project.dialect or PERMISSIVE_DIALECT),
            project_vars=self.vars_of(project),
            cli_vars=self.cli_vars,
            allowed_env_vars=self.allowed_env_vars,
            execute=execute,
            today=self.today,
            graph=self.graph,
        )

    def render(self, project: Project, node: ModelNode, execute: bool, refs: tuple[ResolvedRef, ...] = ()) -> RenderResult | None:
        if node.sql is None or node.sql.path.endswith(".py"):
            return None
        by_key = {r.call.key: r.target for r in refs}

        def columns_of(key: tuple[object, ...]) -> list[Column] | None:
            """Introspection in the compile pass: a parent's columns, when all are known."""
            target = by_key.get(key)
            if target is None:
                return None
            # what a ref to it reads: a contract, published columns (a seed's CSV header), the catalog, inference
            table = self.table_for_target(target, "")
            if not table.complete:
                return None
            dialect = self.projects[target.project].dialect or "snowflake"
            return [Column(name, t.sql(dialect).lower() if t is not None else "unknown") for name, t in table.columns.items()]

        if execute:
            inputs = self.inputs(project, node, execute)
            return self.renderer.render(node.unique_id, node.sql.text, inputs, self.macros[project.name], columns_of)
        key, cached = self.cached_render(project, node)
        if cached is not None:
            return cached
        result = self.parse_render(project, node)
        self.keep_render(key, result)
        return result

    def cached_render(self, project: Project, node: ModelNode) -> tuple[str | None, RenderResult | None]:
        """The parse pass's cache key for a model's render, and the render when the cache has it."""
        if self.cache is None:
            return None, None
        assert node.sql is not None
        key = digest("render", self.render_salt, project.name, node.unique_id, node.name, node.sql.text)
        cached = self.cache.get(key)
        return key, cached if isinstance(cached, RenderResult) else None

    def parse_render(self, project: Project, node: ModelNode) -> RenderResult:
        """A model's render in the parse pass (`execute` false); it reads no other model's analysis, so
        a worker process can do it."""
        assert node.sql is not None
        return self.renderer.render(node.unique_id, node.sql.text, self.inputs(project, node, False), self.macros[project.name])

    def keep_render(self, key: str | None, result: RenderResult, pickled: bytes | None = None) -> None:
        if key is None or self.cache is None:
            return
        # a render that read `graph` depends on every node of the mesh; one that ran out of time, on the machine
        if not result.used_graph and not (result.failure is not None and result.failure.budget):
            if pickled is not None:
                self.cache.put_pickled(key, pickled)
            else:
                self.cache.put(key, result)

    def table_for_target(self, target: ModelNode | None, label: str) -> TableColumns:
        if target is None:
            return TableColumns({}, False, f"{label}, which does not resolve")
        project = self.projects[target.project]
        dialect = project.dialect or "snowflake"
        if target.config.contract_enforced and target.columns:
            return TableColumns({c.name: declared_type(c.data_type, dialect) for c in target.columns}, True)
        if target.published_columns is not None:
            published = {name: declared_type(t, dialect) for name, t in target.published_columns}
            if target.published_closed:
                return TableColumns(published, True)
            return TableColumns(published, False, f"{label}, whose published columns are not all known")
        analysed = self.done.get(target.unique_id) if target.unique_id not in self.hidden else None
        cataloged = self.mesh.catalog.get(target.unique_id)
        if cataloged is not None and (analysed is None or analysed.columns is None or not analysed.columns.closed):
            return TableColumns({name: declared_type(t, dialect) for name, t in cataloged}, True)
        if analysed is None or analysed.columns is None:
            return TableColumns({}, False, f"{label}, whose columns are not known")
        columns = {c.name: c.type for c in analysed.columns.columns}
        if analysed.columns.closed:
            return TableColumns(columns, True)
        return TableColumns(columns, False, f"{label}, whose columns are not all known")

    def tables_for(self, project: Project, result: RenderResult, refs: tuple[ResolvedRef, ...]) -> dict[str, TableColumns]:
        """What is known of every table the rendered SQL reads, by its token."""
        dialect = project.dialect or "snowflake"
        tables: dict[str, TableColumns] = {}
        for ref in refs:
            args = ", ".join(repr(a) for a in ((ref.call.package,) if ref.call.package else ()) + (ref.call.name,))
            tables[ref.call.token] = self.table_for_target(ref.target, f"`ref({args})`")
        sources = self.sources[project.name]
        for call in result.sources:
            cataloged = self.mesh.catalog.get(f"source.{project.name}.{call.source}.{call.table}")
            if cataloged is not None:
                tables[call.token] = TableColumns({name: declared_type(t, dialect) for name, t in cataloged}, True)
                continue
            table = sources.get((call.source, call.table))
            columns = {c.name: declared_type(c.data_type, dialect) for c in table.columns} if table else {}
            tables[call.token] = TableColumns(
                columns, False, f"source `{call.source}.{call.table}` (its YAML column list may be partial)"
            )
        tables["meshlint__this"] = TableColumns({}, False, "`this`")
        return tables

    def infer_task(self, node: ModelNode, project: Project, result: RenderResult, refs: tuple[ResolvedRef, ...]) -> InferTask:
        """The inference a model needs: already answered (no dialect, or from the cache), or the
        pure task to run, with the cache key to store its answer under."""
        dialect = project.dialect or PERMISSIVE_DIALECT  # names only without a dialect: see names_only
        assert result.sql is not None
        key = None
        if self.cache is not None:
            # the ref's spelling is part of the key: reasons for an open column set name it
            tables_key = sorted(
                (ref.call.token, ref.call.package or "", ref.call.name, self._table_key(ref.target, dialect))
                for ref in refs
            )
            key = digest("infer", dialect, result.sql, tables_key, result.open_reasons, self._source_key(project, result))
            cached = self.cache.get(key)
            if isinstance(cached, tuple) and len(cached) == 3:
                return InferTask(answer=cached)  # type: ignore[arg-type]
        arguments = (result.sql, self.tables_for(project, result, refs), dialect, result.open_reasons, bool(refs))
        return InferTask(arguments=arguments, key=key)

    def _table_key(self, target: ModelNode | None, dialect: str) -> object:
        """What is known of a parent, as cache-key material; computed once per parent and dialect. An
        inferred parent is named by the columns it was inferred to have (not by its SQL), so that an edit
        that leaves a model's columns as they were does not re-infer its children."""
        if target is None:
            return None
        memo = self._table_keys.get((target.unique_id, dialect)) if target.unique_id not in self.hidden else None
        if memo is None:
            if target.config.contract_enforced and target.columns:
                memo = ["contract", [(c.name, c.data_type) for c in target.columns]]
            elif target.published_columns is not None:
                memo = ["published", target.published_closed, list(target.published_columns)]
            else:
                table = self.table_for_target(target, "")
                memo = ["known", table.complete, table.why_incomplete, [(n, type_id(t)) for n, t in table.columns.items()]]
            memo = digest(memo)  # children's keys carry this short hash, not every column again
            if target.unique_id not in self.hidden:
                self._table_keys[(target.unique_id, dialect)] = memo
        return memo

    def _source_key(self, project: Project, result: RenderResult) -> list[object]:
        return [(call.token, self._source_table_key(project.name, call.source, call.table)) for call in result.sources]

    def _source_table_key(self, project: str, source: str, name: str) -> str:
        """What is known of a source table, as a short hash; computed once per table."""
        memo = self._source_keys.get((project, source, name))
        if memo is None:
            table = self.sources[project].get((source, name))
            columns = [(c.name, c.data_type) for c in table.columns] if table else None
            memo = digest(columns, self.mesh.catalog.get(f"source.{project}.{source}.{name}"))
            self._source_keys[(project, source, name)] = memo
        return memo

    def final_config(self, node: ModelNode, result: RenderResult | None) -> NodeConfig:
        """The node's config with its SQL `config()` applied; computed once per node and render."""
        memo = self._configs.get(node.unique_id)
        if memo is not None and memo[0] is node and memo[1] is result:
            return memo[2]
        config = self._final_config(node, result)
        self._configs[node.unique_id] = (node, result, config)
        return config

    def enabled(self, node: ModelNode, result: RenderResult | None) -> bool:
        """`final_config(node, result).enabled`, without building the config (every model is asked; a warm
        run builds the config of a few)."""
        if result is None or not result.config or node.sql is None or node.sql.path.endswith(".py"):
            return self.final_config(node, result).enabled  # the node's own config (or a Python model's)
        # as `node_config` reads the merged config
        return result.config.get("enabled", node.config.raw.get("enabled", True)) is not False

    def materialized(self, node: ModelNode, result: RenderResult | None) -> str:
        """`final_config(node, result).materialized`, without building the config (see `enabled`)."""
        if result is None or not result.config or node.sql is None or node.sql.path.endswith(".py"):
            return self.final_config(node, result).materialized
        return str(result.config.get("materialized", node.config.raw.get("materialized")) or "view")

    def _final_config(self, node: ModelNode, result: RenderResult | None) -> NodeConfig:
        if result is None and node.sql is not None and node.sql.path.endswith(".py"):
            config, lines = python_model_config(node.sql.text)
            if config:
                raw = {**node.config.raw, **config}
                locations = {**node.config.locations, **{k: Location(node.sql.path, line, 1) for k, line in lines.items()}}
                return node_config(raw, locations)
        if result is None or not result.config:
            return node.config
        assert node.sql is not None
        raw = {**node.config.raw, **result.config}
        locations = {
            **node.config.locations,
            **{k: Location(node.sql.path, line, 1) for k, line in result.config_lines.items()},
        }
        return node_config(raw, locations)


class _LazyGraph(Mapping[str, object]):
    """`graph_context(mesh)`, computed on first use."""

    def __init__(self, mesh: Mesh) -> None:
        self._mesh = mesh
        self._graph: dict[str, object] | None = None

    def _built(self) -> dict[str, object]:
        if self._graph is None:
            self._graph = graph_context(self._mesh)
        return self._graph

    def __getitem__(self, key: str) -> object:
        return self._built()[key]

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._built())

    def __len__(self) -> int:
        return len(self._built())


def python_model_config(text: str) -> tuple[dict[str, object], dict[str, int]]:
    r"""The literal keyword arguments of a Python model's `dbt.config(...)` calls, and their lines (dbt
    reads them statically too; a value that is not a literal is left out).

    >>> python_model_config("def model(dbt, session):\n    dbt.config(enabled=False, materialized='table', x=f())\n")
    ({'enabled': False, 'materialized': 'table'}, {'enabled': 2, 'materialized': 2})
    """
    import ast

    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError):
        return {}, {}
    config: dict[str, object] = {}
    lines: dict[str, int] = {}
    for call in ast.walk(tree):
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "config"
                and isinstance(call.func.value, ast.Name) and call.func.value.id == "dbt"):
            continue
        for keyword in call.keywords:
            if keyword.arg is None:
                continue
            try:
                config[keyword.arg] = ast.literal_eval(keyword.value)
            except (ValueError, TypeError, SyntaxError, RecursionError):
                continue
            lines[keyword.arg] = keyword.lineno
    return config, lines


def analyse_mesh(
    mesh: Mesh,
    today: datetime.date,
    options: RuleOptions = RuleOptions(),
    cli_vars: Mapping[str, object] | None = None,
    allowed_env_vars: frozenset[str] = frozenset(),
    cache: AnalysisCache | None = None,
    jobs: int = 1,
    progress: Callable[[int, int], None] | None = None,
    limits: RenderLimits = RenderLimits(),
    changed: Collection[str] | None = None,
    models: Collection[str] | None = None,
    known: Mapping[str, RenderResult] | None = None,
) -> AnalysedMesh:
    """Render and infer every model of the mesh. With `jobs` > 1, the parse pass renders in that many
    worker processes, and each model is inferred in one as soon as its parents are; the result is the
    same as with one. With `changed` (resolved paths of the changed files), only the models that the
    findings about those files need are analysed (see `scope.py`); with `models` (unique ids), only
    those and what their analysis and rules read. `known` gives, by unique id, a model's parse-pass
    render from an earlier run with the same inputs (its refs, sources and config; the SQL left out):
    used instead of rendering, like the scan."""
    analysis = _Analysis(mesh, cli_vars or {}, allowed_env_vars, today, cache, limits)
    workers = Workers(jobs)
    try:
        analysed = _analyse(analysis, options, progress, changed, models, known, workers)
    finally:
        workers.close()
    if analysed is None:  # the scan and the render disagree (a bug in scope.static_render): analyse everything
        return analyse_mesh(mesh, today, options, cli_vars, allowed_env_vars, cache, jobs, progress, limits)
    return analysed


def _analyse(
    analysis: _Analysis,
    options: RuleOptions,
    progress: Callable[[int, int], None] | None,
    changed: Collection[str] | None,
    models: Collection[str] | None,
    known: Mapping[str, RenderResult] | None,
    workers: Workers,
) -> AnalysedMesh | None:
    today = analysis.today
    mesh = analysis.mesh  # with Jinja in YAML values rendered
    problems = analysis.problems
    parsed: dict[str, tuple[Project, ModelNode, RenderResult | None, tuple[ResolvedRef, ...]]] = {}
    scanned: set[str] = set()  # refs and sources from the template's scan, not rendered (scoped runs)
    disabled: set[str] = set()
    candidates = [
        (project, node)
        for project in mesh.projects
        if not project.external  # known from metadata: refs to it are checked, its models are not linted
        for node in project.nodes
        if node.resource_type in ("model", "snapshot")  # seeds: ref targets whose columns come from their CSV header
    ]
    scan = static_render if changed is not None or models is not None else None
    results = _parse_pass(analysis, candidates, scan, known or {}, scanned, workers)
    for (project, node), result in zip(candidates, results):
        if not analysis.enabled(node, result):
            disabled.add(node.unique_id)  # dbt neither builds nor checks it; refs to it fail
            continue
        parsed[node.unique_id] = (project, node, result, ())
    for uid, (project, node, result, _) in parsed.items():
        refs = tuple(analysis.resolve(call, project, disabled) for call in (result.refs if result else ()))
        parsed[uid] = (project, node, result, refs)

    edges = {
        uid: [r.target.unique_id for r in refs if r.target is not None]
        for uid, (_, _, _, refs) in parsed.items()
    }
    order, cycles = topological_order(edges)
    ordered = set(order)
    for cycle in cycles:
        first = parsed[cycle[0]][1]
        location = Location(first.sql.path, 1, 1) if first.sql else first.location
        problems.append(
            REF_CYCLE.diagnostic(
                "Models reference each other in a cycle: " + " -> ".join(f"`{uid}`" for uid in [*cycle, cycle[0]]),
                location,
            )
        )

    wanted: set[str] | None = None
    if changed is not None or models is not None:
        items = {uid: _scope_item(uid, entry) for uid, entry in parsed.items()}
        foreign_keys = _foreign_keys(analysis, parsed)
        if changed is not None:
            wanted = needed_models(mesh, items, changed, foreign_keys)
        else:
            wanted = close_scope(models or (), items, None, foreign_keys)
        for uid in sorted(wanted & scanned):  # the scan gave refs and sources; the analysis needs the render
            project, node, scanned_result, refs = parsed[uid]
            result = analysis.render(project, node, execute=False)
            assert result is not None
            if [c.key for c in result.refs] != [c.key for c in scanned_result.refs] or [
                (c.source, c.table) for c in result.sources
            ] != [(c.source, c.table) for c in scanned_result.sources]:
                return None  # the scan and the render disagree: the caller analyses everything
            parsed[uid] = (project, node, result, tuple(analysis.resolve(c, project, disabled) for c in result.refs))
        while True:
            done, node_problems, escaped = _compile(analysis, parsed, order, ordered, edges, disabled, workers, progress, wanted)
            # a compiled template that reads a model its parse did not ref (a full run has analysed that
            # model, and knows its columns when it comes in an earlier wave): analyse it too, then again
            more = {t for _, t in escaped if t not in wanted}
            if not more:
                break
            wanted = close_scope(wanted | more, items, None, foreign_keys)
            analysis.done, analysis._table_keys = {}, {}
    else:
        done, node_problems, _ = _compile(analysis, parsed, order, ordered, edges, disabled, workers, progress, None)
    problems.extend(node_problems)

    nodes = tuple(done[uid] for uid in sorted(done))
    for analysed in nodes:
        problems.extend(_cannot_verify(analysed))
    return AnalysedMesh(
        mesh=mesh,
        nodes=nodes,
        today=today,
        options=options,
        problems=tuple(problems),
        by_id={n.unique_id: n for n in nodes},
        models_in_mesh=len(parsed) if wanted is not None else None,
    )


def _scope_item(uid: str, entry: tuple[Project, ModelNode, RenderResult | None, tuple[ResolvedRef, ...]]) -> Parsed:
    project, node, result, refs = entry
    may_change = result is not None and result.failure is None and result.used_execute
    return Parsed(project, node, result, tuple(r.target.unique_id for r in refs if r.target is not None), may_change)


def _foreign_keys(
    analysis: _Analysis, parsed: Mapping[str, tuple[Project, ModelNode, RenderResult | None, tuple[ResolvedRef, ...]]]
) -> dict[str, tuple[tuple[str, str | None], ...]]:
    """Per model, what each foreign key's `to: ref(...)` names and resolves to (as the rules resolve it)."""
    from meshlint.rules.foreign_keys import static_foreign_keys

    found: dict[str, tuple[tuple[str, str | None], ...]] = {}
    for uid, (project, node, _, _) in parsed.items():
        keys = []
        for _, _, call in static_foreign_keys(node):
            ref = resolve_ref(call, project, analysis.index)
            keys.append((call.name, ref.target.unique_id if ref.target is not None else None))
        if keys:
            found[uid] = tuple(keys)
    return found


class Workers:
    """The run's worker processes, started when there is enough work for them: forked, so that they
    inherit the loaded mesh and the macro catalogue (the parse pass renders in them). A pool that
    breaks (a worker killed, or one that raised) is dropped, and the main process does the rest."""

    # Models inferred in the main process before a pool is started: a run that re-infers only a few
    # models (a warm run after a small edit) starts none.
    INLINE = 8

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self.pool: concurrent.futures.ProcessPoolExecutor | None = None
        self.broken = False
        self.forks = "fork" in multiprocessing.get_all_start_methods()

    def get(self, models: int) -> concurrent.futures.ProcessPoolExecutor | None:
        """The pool, started if need be for a run of `models` models (None: too few, or `jobs` is 1)."""
        if self.pool is None and not self.broken:
            self.pool = process_pool(self.jobs, models)
        return self.pool

    def fail(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
        self.pool, self.broken = None, True

    def close(self) -> None:
        set_worker_render(None)
        if self.pool is not None:
            self.pool.shutdown()
            self.pool = None


def _parse_pass(
    analysis: _Analysis,
    candidates: list[tuple[Project, ModelNode]],
    scan: Callable[[str], RenderResult | None] | None,
    known: Mapping[str, RenderResult],
    scanned: set[str],
    workers: Workers,
) -> list[RenderResult | None]:
    """Each model's render without `execute` (or, in a scoped run, a render `known` from an earlier run,
    else its static scan), from the cache where it has it; the others rendered in the workers when there
    are enough of them."""
    results: list[RenderResult | None] = [None] * len(candidates)
    missing: list[tuple[int, str | None]] = []
    for i, (project, node) in enumerate(candidates):
        if scan is not None and node.unique_id in known:
            results[i] = known[node.unique_id]
            scanned.add(node.unique_id)
            continue
        if node.sql is None or node.sql.path.endswith(".py"):
            continue
        if scan is not None:
            results[i] = scan(node.sql.text)
            if results[i] is not None:
                scanned.add(node.unique_id)
                continue
        key, results[i] = analysis.cached_render(project, node)
        if results[i] is None:
            missing.append((i, key))
    pickled: list[bytes | None] = [None] * len(missing)
    if workers.forks and workers.pool is None and len(missing) >= MIN_PARALLEL_MODELS:
        by_uid = {node.unique_id: (project, node) for project, node in candidates}
        set_worker_render(lambda uid: analysis.parse_render(*by_uid[uid]))  # before the pool forks
        pool = workers.get(len(missing))
        if pool is not None:
            names = [candidates[i][1].unique_id for i, _ in missing]
            size = max(1, min(32, len(names) // (8 * workers.jobs)))
            try:
                chunks = pool.map(render_pickled, [names[n : n + size] for n in range(0, len(names), size)])
                pickled = [blob for chunk in chunks for blob in chunk]
            except Exception:  # a broken pool: the main process renders
                workers.fail()
                pickled = [None] * len(missing)
    for (i, key), blob in zip(missing, pickled):
        project, node = candidates[i]
        result = pickle.loads(blob) if blob is not None else analysis.parse_render(project, node)
        analysis.keep_render(key, result, blob)
        results[i] = result
    return results


Prepared = tuple[Project, ModelNode, "RenderResult | None", tuple[ResolvedRef, ...], "InferTask | None"]


def _compile(
    analysis: _Analysis,
    parsed: Mapping[str, tuple[Project, ModelNode, RenderResult | None, tuple[ResolvedRef, ...]]],
    order: list[str],
    ordered: set[str],
    edges: Mapping[str, list[str]],
    disabled: set[str],
    workers: Workers,
    progress: Callable[[int, int], None] | None,
    wanted: set[str] | None,
) -> tuple[dict[str, AnalysedNode], list[Diagnostic], list[tuple[str, str]]]:
    """The compile pass over the ordered models (only the `wanted` ones, when given): a model is
    re-rendered where it reads `execute`, then inferred, as soon as its parents are done (in a worker
    when there is a pool, while the main process prepares and finishes other models). Returns the
    analysed models, their problems, and (model, target) for each ref that a compiled template makes
    and its parse did not.

    What a model sees of the others is what it would see if the models were done in waves (a wave's
    models are those whose parents are in earlier waves): its parents, and a model its compiled
    template refs besides them only when that model comes in an earlier wave. So the result does not
    depend on the order in which models finish."""
    escaped: list[tuple[str, str]] = []
    executed = _executed(parsed, edges, analysis)
    all_waves = waves(order, edges)
    level = {uid: n for n, wave in enumerate(all_waves) for uid in wave}
    todo = [uid for wave in all_waves for uid in wave if wanted is None or uid in wanted]
    position = {uid: n for n, uid in enumerate(todo)}
    children: dict[str, list[str]] = {uid: [] for uid in todo}
    waiting: dict[str, int] = {}
    for uid in todo:
        parents = {p for p in edges.get(uid, ()) if p in position}
        waiting[uid] = len(parents)
        for parent in parents:
            children[parent].append(uid)
    ready = [position[uid] for uid in todo if not waiting[uid]]
    heapq.heapify(ready)
    # models whose compiled template refs a model of an earlier wave that is not done yet: what they wait for
    blocked: dict[str, set[str]] = {}
    waiters: dict[str, list[str]] = {}
    rendered: dict[str, tuple[Project, ModelNode, RenderResult | None, tuple[ResolvedRef, ...], frozenset[str]]] = {}
    running: dict[concurrent.futures.Future[bytes], tuple[str, Prepared]] = {}
    # finished futures, as their callbacks report them (`concurrent.futures.wait` over every running
    # future costs time in proportion to their number, each time)
    completed: queue.SimpleQueue[concurrent.futures.Future[bytes]] = queue.SimpleQueue()
    in_flight = 4 * max(1, workers.jobs)  # enough to keep the workers busy while the main process works
    problems_of: dict[str, list[Diagnostic]] = {}
    inline = 0
    total = len(wanted) if wanted is not None else len(parsed)

    def release(uid: str) -> None:
        for child in children[uid]:
            waiting[child] -= 1
            if not waiting[child]:
                heapq.heappush(ready, position[child])
        for waiter in waiters.pop(uid, ()):
            blocked[waiter].discard(uid)
            if not blocked[waiter]:
                del blocked[waiter]
                heapq.heappush(ready, position[waiter])

    def finish(uid: str, prepared: Prepared, inferred: Inferred | None, pickled: bytes | None = None) -> None:
        project, node, result, refs, task = prepared
        if task is not None and task.answer is None and task.key is not None and analysis.cache is not None:
            if pickled is not None:
                analysis.cache.put_pickled(task.key, pickled)
            else:
                analysis.cache.put(task.key, inferred)
        problems_of[uid] = _finish(analysis, uid, project, node, result, refs, inferred or (None, None, None), uid in executed)
        release(uid)

    while ready or running:
        while ready:
            uid = todo[heapq.heappop(ready)]
            if uid not in rendered:
                project, node, result, refs = parsed[uid]
                hidden: frozenset[str] = frozenset()
                if result is not None and result.failure is None and result.used_execute:
                    parse_targets = {r.target.unique_id for r in refs if r.target is not None}
                    result = analysis.render(project, node, execute=True, refs=refs) or result
                    refs = tuple(analysis.resolve(call, project, disabled) for call in result.refs)
                    more = {r.target.unique_id for r in refs if r.target is not None and r.target.unique_id not in parse_targets}
                    escaped.extend((uid, r.target.unique_id) for r in refs if r.target is not None and r.target.unique_id in more)
                    # seen: the models of earlier waves (done first, or waited for); not the others
                    earlier = {t for t in more if t in position and level[t] < level[uid]}
                    hidden = frozenset(more - earlier)
                    pending = {t for t in earlier if t not in analysis.done}
                    if pending:
                        rendered[uid] = (project, node, result, refs, hidden)
                        blocked[uid] = pending
                        for target in pending:
                            waiters.setdefault(target, []).append(uid)
                        continue
            else:
                project, node, result, refs, hidden = rendered.pop(uid)
            task = None
            if result is not None and result.failure is None:
                analysis.hidden = hidden
                try:
                    task = analysis.infer_task(node, project, result, refs)
                finally:
                    analysis.hidden = frozenset()
            prepared: Prepared = (project, node, result, refs, task)
            if task is None or task.answer is not None:
                finish(uid, prepared, task.answer if task is not None else None)
                continue
            assert task.arguments is not None
            pool = workers.get(len(todo)) if inline >= Workers.INLINE else None
            if pool is None:
                inline += 1
                finish(uid, prepared, run_task(task.arguments))
                continue
            try:
                future = pool.submit(run_task_pickled, task.arguments)
            except Exception:  # the pool broke (a worker died) since the last answer: as when an answer fails
                workers.fail()
                inline += 1
                finish(uid, prepared, run_task(task.arguments))
                continue
            running[future] = (uid, prepared)
            future.add_done_callback(completed.put)
            if len(running) >= in_flight:
                break  # the rest wait their turn in `ready`, earliest wave first
        if running:
            finished = [completed.get()]
            while True:  # and any others that are done by now
                try:
                    finished.append(completed.get_nowait())
                except queue.Empty:
                    break
            for future in sorted(finished, key=lambda f: position[running[f][0]]):
                uid, prepared = running.pop(future)
                try:
                    pickled = future.result()
                except Exception:  # a worker died or raised: the main process infers the rest itself
                    workers.fail()
                    task = prepared[4]
                    assert task is not None and task.arguments is not None
                    finish(uid, prepared, run_task(task.arguments))
                    continue
                finish(uid, prepared, pickle.loads(pickled), pickled)
            if progress is not None:
                progress(len(analysis.done), total)
    if progress is not None:
        progress(len(analysis.done), total)
    assert not blocked and len(problems_of) == len(todo), "every ordered model is analysed"

    # models in a cycle, or downstream of one: neither re-rendered nor inferred
    rest = sorted(uid for uid in set(parsed) - ordered if wanted is None or uid in wanted)
    for uid in rest:
        project, node, result, refs = parsed[uid]
        problems_of[uid] = _finish(analysis, uid, project, node, result, refs, (None, None, None), uid in executed)
    if progress is not None and rest:
        progress(len(analysis.done), total)
    problems = [p for uid in [*todo, *rest] for p in problems_of[uid]]  # in wave order, as before
    return analysis.done, problems, escaped


def _finish(
    analysis: _Analysis,
    uid: str,
    project: Project,
    node: ModelNode,
    result: RenderResult | None,
    refs: tuple[ResolvedRef, ...],
    inferred: Inferred,
    executed: bool,
) -> list[Diagnostic]:
    """A model's analysis from its render and inference: stored in `analysis.done`; returns its problems."""
    problems: list[Diagnostic] = []
    columns, sql_failure, uses = inferred if project.dialect is not None else names_only(inferred)
    if sql_failure is not None and result is not None:
        columns, sql_failure = not_the_models_fault(result, columns, sql_failure)
    if sql_failure is not None and not executed:
        columns, sql_failure = never_executed(sql_failure)
    if node.resource_type == "snapshot" and columns is not None and project.dialect:
        columns = _with_snapshot_columns(columns, project.dialect)
    elif columns is not None and project.dialect and node.columns and (config := analysis.final_config(node, result)).contract_enforced:
        columns = in_contract_order(columns, [c.name for c in node.columns], config.materialized, project.dialect)
    if result is not None and result.failure is not None and project.dialect is None and result.failure.raised:
        # rendered as an adapter meshlint assumed: what the template raises for it is no defect
        assumed = DIALECT_ADAPTERS.get(PERMISSIVE_DIALECT, PERMISSIVE_DIALECT)
        columns = ColumnSet((), False, (
            f"{NO_DIALECT}; the template raised for adapter `{assumed}`, assumed to render it: {result.failure.message}",
        ))
    elif result is not None and result.failure is not None:
        problems.append(
            JINJA_INVALID.diagnostic(
                result.failure.message, Location(node.sql.path, result.failure.line, 1), node=uid, help=result.failure.help  # type: ignore[union-attr]
            )
        )
    elif sql_failure is not None:
        problems.append(
            SQL_UNPARSEABLE.diagnostic(
                sql_failure.message,
                Location(node.sql.path, result.template_line(sql_failure.line), 1),  # type: ignore[union-attr]
                node=uid,
            )
        )
    analysis.done[uid] = AnalysedNode(
        node=node,
        config=analysis.final_config(node, result),
        dialect=project.dialect,
        render=result,
        refs=refs,
        columns=columns,
        sql_failure=sql_failure,
        column_uses=uses,
    )
    return problems


SNAPSHOT_COLUMNS = ("dbt_scd_id", "dbt_updated_at", "dbt_valid_from", "dbt_valid_to")


def _with_snapshot_columns(columns: ColumnSet, dialect: str) -> ColumnSet:
    """A snapshot's table: its query's columns plus dbt's four bookkeeping columns (their types
    follow the strategy's `updated_at` column, so they stay unknown)."""
    extra = tuple(
        InferredColumn(warehouse_name(name, dialect), None, reason="set by dbt's snapshot strategy") for name in SNAPSHOT_COLUMNS
    )
    return ColumnSet(columns.columns + extra, columns.closed, columns.reasons)


NO_DIALECT = "no SQL dialect: set the dbt profile's adapter or `dialect` in settings"
# Without a dialect, column names are still inferred, parsing with a dialect that accepts most of what
# the others write; their types stay unknown, and a parse failure is not the model's fault.
PERMISSIVE_DIALECT = "duckdb"


_SQL_COMMENTS = re.compile(r"--[^\n]*|/\*.*?\*/", re.S)


def not_the_models_fault(
    result: RenderResult, columns: ColumnSet | None, failure: SqlParseFailure
) -> tuple[ColumnSet | None, SqlParseFailure | None]:
    """A parse failure that comes from rendering without a warehouse is no mistake of the model: a template
    that renders to no statement (its SQL comes from introspection, or from a branch dbt only takes with
    a warehouse), or SQL that holds values only the warehouse knows. The model is open instead (ML005).

    >>> from meshlint.render.state import RenderResult
    >>> not_the_models_fault(RenderResult("-- nothing\\n;"), None, SqlParseFailure("found 0 statement(s)", 1))[0].reasons
    ('the template renders to no SQL statement without a warehouse',)
    >>> not_the_models_fault(RenderResult("select from x"), None, SqlParseFailure("Expecting )", 1))[1].message
    'Expecting )'
    """
    sql = result.sql or ""
    if not _SQL_COMMENTS.sub(" ", sql).replace(";", " ").strip():
        return ColumnSet((), False, ("the template renders to no SQL statement without a warehouse",)), None
    if UNKNOWN_TOKEN in sql:
        reasons = "; ".join(result.open_reasons) or "values only a warehouse knows"
        return ColumnSet((), False, (f"its SQL cannot be parsed with what only the warehouse knows left out ({reasons})",)), None
    return columns, failure


def _executed(
    parsed: Mapping[str, tuple[Project, ModelNode, RenderResult | None, tuple[ResolvedRef, ...]]],
    edges: Mapping[str, list[str]],
    analysis: _Analysis,
) -> set[str]:
    """The models and snapshots whose SQL dbt sends to the warehouse: every one that is not ephemeral, an
    ephemeral one with data tests, and an ephemeral one that an executed node refs (dbt inlines it as
    a CTE); an ephemeral model nothing executed refs is compiled but never run."""
    ephemeral = {
        uid for uid, (_, node, result, _) in parsed.items()
        if analysis.materialized(node, result) == "ephemeral"
        and not (node.spec is not None and node.spec.has_data_tests)
    }
    seen = {uid for uid in parsed if uid not in ephemeral}
    stack = list(seen)
    while stack:
        for target in edges.get(stack.pop(), ()):
            if target in ephemeral and target not in seen:
                seen.add(target)
                stack.append(target)
    return seen


def never_executed(failure: SqlParseFailure) -> tuple[ColumnSet, None]:
    """An ephemeral model that no executed node refs: dbt never runs its SQL, so SQL that does not parse
    is no failure of the build (dbt-project-evaluator's fixtures are such models); the model is open.

    >>> never_executed(SqlParseFailure("Invalid expression", 3))[0].reasons
    ('ephemeral and referenced by no model that dbt runs, so dbt never executes its SQL, which does not parse: Invalid expression',)
    """
    reason = f"ephemeral and referenced by no model that dbt runs, so dbt never executes its SQL, which does not parse: {failure.message}"
    return ColumnSet((), False, (reason,)), None


def names_only(inferred: Inferred) -> Inferred:
    """An inference made in the permissive dialect, reduced to what it can tell: column names.

    >>> from meshlint.analyse.tasks import infer_sql
    >>> columns, failure, uses = names_only(infer_sql("select 1 as one", {}, PERMISSIVE_DIALECT, ()))
    >>> [(c.name, c.type) for c in columns.columns], columns.closed, failure, uses
    ([('one', None)], True, None, None)
    """
    columns, failure, _ = inferred
    if columns is None:
        reason = f"{NO_DIALECT} (the SQL does not parse in the permissive dialect: {failure.message if failure else 'unknown'})"
        return ColumnSet((), False, (reason,)), None, None
    unknown = tuple(InferredColumn(c.name, None, c.line, NO_DIALECT) for c in columns.columns)
    return ColumnSet(unknown, columns.closed, columns.reasons), None, None


def _cannot_verify(analysed: AnalysedNode) -> list[Diagnostic]:
    node = analysed.node
    if not (analysed.config.contract_enforced or node.is_versioned) or node.sql is None:
        return []
    columns = analysed.columns
    if columns is not None and columns.closed:
        return []
    if columns is None:
        return []  # a Jinja or SQL failure was already reported
    reasons = "; ".join(columns.reasons)
    return [
        CANNOT_VERIFY.diagnostic(
            f"Columns of `{node.name}`{_version_label(node)} cannot all be inferred statically, so its contract and version columns are not verified: {reasons}",
            Location(node.sql.path, 1, 1),
            node=node.unique_id,
        )
    ]


def _version_label(node: ModelNode) -> str:
    return f" v{node.version}" if node.version is not None else ""
