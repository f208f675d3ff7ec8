"""Run render and inference over the mesh in dbt's two passes: a parse pass renders every model
to learn its refs (the graph); a compile pass then walks the graph parents-first, re-rendering
only models whose templates depend on `execute`, and infers each model's columns from what its
parents are known to produce."""

from __future__ import annotations

import datetime
import functools
import json
import os
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
from meshlint.analyse.tasks import MIN_PARALLEL_WAVE, Inferred, InferTask, process_pool, run_task, waves
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
        self.projects = {p.name: p for p in mesh.projects}
        # each project's source tables by (source, table), built once rather than per model
        self.sources = {p.name: {(t.source, t.name): t for t in p.sources} for p in mesh.projects}
        self.macros = {
            p.name: ProjectMacros(p.name, frozenset(pkg.name for pkg in p.packages), p.dispatch) for p in mesh.projects
        }
        self.done: dict[str, AnalysedNode] = {}
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
        ref = resolve_ref(call, project, self.index)
        if ref.target is not None and ref.target.unique_id in disabled:
            return ResolvedRef(call, ref.project, None, "disabled")
        return ref

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

        inputs = self.inputs(project, node, execute)
        if execute or self.cache is None:
            return self.renderer.render(node.unique_id, node.sql.text, inputs, self.macros[project.name], columns_of if execute else None)
        key = digest("render", self.render_salt, project.name, node.unique_id, node.name, node.sql.text)
        cached = self.cache.get(key)
        if isinstance(cached, RenderResult):
            return cached
        result = self.renderer.render(node.unique_id, node.sql.text, inputs, self.macros[project.name])
        # a render that read `graph` depends on every node of the mesh; one that ran out of time, on the machine
        if not result.used_graph and not (result.failure is not None and result.failure.budget):
            self.cache.put(key, result)
        return result

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
        analysed = self.done.get(target.unique_id)
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
        memo = self._table_keys.get((target.unique_id, dialect))
        if memo is None:
            if target.config.contract_enforced and target.columns:
                memo = ["contract", [(c.name, c.data_type) for c in target.columns]]
            elif target.published_columns is not None:
                memo = ["published", target.published_closed, list(target.published_columns)]
            else:
                table = self.table_for_target(target, "")
                memo = ["known", table.complete, table.why_incomplete, [(n, type_id(t)) for n, t in table.columns.items()]]
            memo = digest(memo)  # children's keys carry this short hash, not every column again
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
    """Render and infer every model of the mesh. `jobs` > 1 infers each wave of independent models
    in that many processes; the result is the same as with one. With `changed` (resolved paths of the
    changed files), only the models that the findings about those files need are analysed (see
    `scope.py`); with `models` (unique ids), only those and what their analysis and rules read. `known`
    gives, by unique id, a model's parse-pass render from an earlier run with the same inputs (its refs,
    sources and config; the SQL left out): used instead of rendering, like the scan."""
    original = mesh
    analysis = _Analysis(mesh, cli_vars or {}, allowed_env_vars, today, cache, limits)
    mesh = analysis.mesh  # with Jinja in YAML values rendered
    problems = analysis.problems
    parsed: dict[str, tuple[Project, ModelNode, RenderResult | None, tuple[ResolvedRef, ...]]] = {}
    scanned: set[str] = set()  # refs and sources from the template's scan, not rendered (scoped runs)
    scan = None
    if changed is not None or models is not None:
        scan = static_render
    known = known or {}
    disabled: set[str] = set()
    for project in mesh.projects:
        if project.external:
            continue  # known from metadata: refs to it are checked, its models are not linted
        for node in project.nodes:
            if node.resource_type not in ("model", "snapshot"):
                continue  # seeds: ref targets whose columns come from their CSV header
            result = known.get(node.unique_id) if scan is not None else None
            if result is not None:
                scanned.add(node.unique_id)
            elif scan is not None and node.sql is not None and not node.sql.path.endswith(".py"):
                result = scan(node.sql.text)
                if result is not None:
                    scanned.add(node.unique_id)
            if result is None:
                result = analysis.render(project, node, execute=False)
            if not analysis.final_config(node, result).enabled:
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
                # the scan and the render disagree (a bug in scope.static_render): analyse everything
                return analyse_mesh(original, today, options, cli_vars, allowed_env_vars, cache, jobs, progress, limits)
            parsed[uid] = (project, node, result, tuple(analysis.resolve(c, project, disabled) for c in result.refs))
        while True:
            done, node_problems, escaped = _compile(analysis, parsed, order, ordered, edges, disabled, jobs, progress, wanted)
            # a compiled template that reads a model its parse did not ref (a full run has analysed that
            # model, and knows its columns when it comes in an earlier wave): analyse it too, then again
            more = {t for _, t in escaped if t not in wanted}
            if not more:
                break
            wanted = close_scope(wanted | more, items, None, foreign_keys)
            analysis.done, analysis._table_keys = {}, {}
    else:
        done, node_problems, _ = _compile(analysis, parsed, order, ordered, edges, disabled, jobs, progress, None)
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


def _compile(
    analysis: _Analysis,
    parsed: Mapping[str, tuple[Project, ModelNode, RenderResult | None, tuple[ResolvedRef, ...]]],
    order: list[str],
    ordered: set[str],
    edges: Mapping[str, list[str]],
    disabled: set[str],
    jobs: int,
    progress: Callable[[int, int], None] | None,
    wanted: set[str] | None,
) -> tuple[dict[str, AnalysedNode], list[Diagnostic], list[tuple[str, str]]]:
    """The compile pass over the ordered models (only the `wanted` ones, when given): each wave of
    models whose parents are done is re-rendered where it reads `execute`, then inferred. Returns the
    analysed models, their problems, and (model, target) for each ref that a compiled template makes
    and its parse did not."""
    problems: list[Diagnostic] = []
    escaped: list[tuple[str, str]] = []
    executed = _executed(parsed, edges, analysis)
    all_waves = [*waves(order, edges), sorted(set(parsed) - ordered)]
    if wanted is not None:
        all_waves = [[uid for uid in wave if uid in wanted] for wave in all_waves]
    pool = process_pool(jobs, sum(len(w) for w in all_waves[:-1]))
    try:
        for wave in all_waves:
            prepared = []
            for uid in wave:
                project, node, result, refs = parsed[uid]
                in_order = uid in ordered
                if result is not None and result.failure is None and result.used_execute and in_order:
                    parse_targets = {r.target.unique_id for r in refs if r.target is not None}
                    result = analysis.render(project, node, execute=True, refs=refs) or result
                    refs = tuple(analysis.resolve(call, project, disabled) for call in result.refs)
                    escaped.extend(
                        (uid, r.target.unique_id) for r in refs if r.target is not None and r.target.unique_id not in parse_targets
                    )
                task = None
                if result is not None and result.failure is None and in_order:
                    task = analysis.infer_task(node, project, result, refs)
                prepared.append((uid, project, node, result, refs, task))
            to_run = [t.arguments for *_, t in prepared if t is not None and t.answer is None]
            if pool is not None and len(to_run) >= MIN_PARALLEL_WAVE:
                ran = iter(pool.map(run_task, to_run, chunksize=max(1, len(to_run) // (4 * (jobs or 1)))))
            else:
                ran = iter(run_task(arguments) for arguments in to_run)
            for uid, project, node, result, refs, task in prepared:
                inferred: Inferred = (None, None, None)
                if task is not None:
                    inferred = task.answer if task.answer is not None else next(ran)
                    if task.answer is None and task.key is not None and analysis.cache is not None:
                        analysis.cache.put(task.key, inferred)
                columns, sql_failure, uses = inferred if project.dialect is not None else names_only(inferred)
                if sql_failure is not None and result is not None:
                    columns, sql_failure = not_the_models_fault(result, columns, sql_failure)
                if sql_failure is not None and uid not in executed:
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
            if progress is not None:
                progress(len(analysis.done), len(wanted) if wanted is not None else len(parsed))
    finally:
        if pool is not None:
            pool.shutdown()
    return analysis.done, problems, escaped


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
        if analysis.final_config(node, result).materialized == "ephemeral"
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
