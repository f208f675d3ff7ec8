"""dbt's Jinja context for one model render: ref, source, config, var, env_var, target, this,
is_incremental, adapter (dispatch, quote, introspection), return, exceptions, modules and the rest.
Warehouse answers are never invented: what only a warehouse knows is unknown, and the model is
marked open. The built-in objects themselves live in builtins.py and adapter.py; this module
assembles them with what depends on the model being rendered."""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

import jinja2
from jinja2.defaults import DEFAULT_NAMESPACE
from jinja2.sandbox import safe_range

# ColumnsOf and CompilerError are part of this module's interface too: render.py and the tests import them here.
from meshlint.render.adapter import Adapter, ColumnsOf
from meshlint.render.api_column import api_namespace
from meshlint.render.builtins import VALUE_FUNCTIONS, CompilerError, ConfigFunction, Exceptions, ExecuteFlag, modules
from meshlint.render.environment import MacroReturn
from meshlint.render.state import RefCall, RenderState, SourceCall
from meshlint.render.values import UNKNOWN_TOKEN, Column, QueryResult, Relation, UnknownValue

# What `dbt_version` says: the dbt-core release whose macros meshlint's built-ins follow.
DBT_VERSION = "1.11.0"


@dataclass(frozen=True)
class Target:
    name: str = "dev"
    type: str = "snowflake"
    schema: str = "meshlint"
    database: str = "meshlint"
    profile_name: str = "meshlint"
    threads: int = 1
    user: str = "meshlint"
    role: str = "meshlint"
    warehouse: str = "meshlint"
    project: str = "meshlint"
    dataset: str = "meshlint"
    catalog: str = "meshlint"


@dataclass(frozen=True)
class RenderInputs:
    """Everything a model's render depends on besides its template."""

    project: str
    model_name: str
    adapter_type: str
    project_vars: Mapping[str, object] = field(default_factory=dict)
    cli_vars: Mapping[str, object] = field(default_factory=dict)
    allowed_env_vars: frozenset[str] = frozenset()
    execute: bool = False
    today: datetime.date = datetime.date(2000, 1, 1)
    # dbt's `graph` (nodes and sources of the whole mesh, as plain dicts); reading it is recorded.
    graph: Mapping[str, object] = field(default_factory=dict)


class GraphView(Mapping[str, object]):
    """`graph`: the mesh's nodes and sources. A render that reads it depends on every node, so it
    is recorded (and such a render is never cached).

    >>> from meshlint.render.state import RenderState
    >>> state = RenderState("m")
    >>> list(GraphView({"nodes": {"model.p.a": {"name": "a"}}}, state)["nodes"]), state.used_graph
    (['model.p.a'], True)
    """

    def __init__(self, graph: Mapping[str, object], state: RenderState) -> None:
        self._given = graph
        self._merged: dict[str, object] | None = None  # built when a template first reads it
        self._state = state

    @property
    def _graph(self) -> dict[str, object]:
        if self._merged is None:
            self._merged = {"nodes": {}, "sources": {}, "exposures": {}, "metrics": {}, **self._given}
        return self._merged

    def __getitem__(self, key: str) -> object:
        self._state.used_graph = True
        return self._graph[key]

    def __iter__(self):  # type: ignore[no-untyped-def]
        self._state.used_graph = True
        return iter(self._graph)

    def __len__(self) -> int:
        return len(self._graph)


class DbtRelation(Relation, Mapping[str, object]):
    """What `ref()`, `source()` and `this` give a template: a Relation that is also a mapping with
    dbt's relation `metadata`, as dbt's relations are (dbt_utils' `_is_relation` checks exactly that),
    and never an ephemeral CTE.

    >>> relation = DbtRelation("meshlint__ref_0", None, None, "orders")
    >>> relation["metadata"], relation.is_cte, str(relation)
    ({'type': 'Relation'}, False, 'meshlint__ref_0')
    """

    is_cte = False

    def __getitem__(self, key: str) -> object:
        if key == "metadata":
            return {"type": "Relation"}
        if key in ("database", "schema", "identifier"):
            return getattr(self, key)
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(("metadata", "database", "schema", "identifier"))

    def __len__(self) -> int:
        return 4


class _RelationApi:
    """`api.Relation`: a relation a template builds itself (from a warehouse listing, say) is no node
    meshlint knows, so it renders as an unknown table and the model is marked open."""

    def __init__(self, state: RenderState) -> None:
        self._state = state

    def create(self, database: object = None, schema: object = None, identifier: object = None, **_: object) -> DbtRelation:
        self._state.mark_open("a relation built with `api.Relation.create` is not a node meshlint knows")
        return DbtRelation(UNKNOWN_TOKEN, _text(database), _text(schema), _text(identifier) or UNKNOWN_TOKEN)


class Api:
    """`api`: `api.Relation.create(...)` and `api.Column.create(...)`.

    >>> state = RenderState("model")
    >>> relation = Api(state).Relation.create(schema="raw", identifier="events")
    >>> str(relation), relation["metadata"], state.open_reasons
    ('meshlint__unknown', {'type': 'Relation'}, ['a relation built with `api.Relation.create` is not a node meshlint knows'])
    """

    def __init__(self, state: RenderState, adapter_type: str = "duckdb") -> None:
        self.Relation = _RelationApi(state)
        self.Column = api_namespace(adapter_type).Column  # the adapter's type spellings (api_column.py)


def _range(state: RenderState, *args: object) -> range:
    """`range`, bounded as the sandbox bounds it; a bound only the warehouse knows (an unknown value, or the
    empty output of a macro that returned nothing because its input was unknown) gives one iteration, as an
    unknown iterates once, and marks the model open.

    >>> state = RenderState("model")
    >>> list(_range(state, 3)), list(_range(state, UnknownValue("n"))), list(_range(state, "")), state.open_reasons
    ([0, 1, 2], [0], [0], ['a loop bound only the warehouse knows'])
    """
    if all(isinstance(a, int) for a in args):
        return safe_range(*args)  # type: ignore[no-any-return]
    state.mark_open("a loop bound only the warehouse knows")
    return range(1)


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _token(prefix: str, index: int) -> str:
    return f"meshlint__{prefix}_{index}"


def _raise_return(value: object) -> None:
    raise MacroReturn(value)


def build_context(
    inputs: RenderInputs,
    state: RenderState,
    find_macro: Callable[[str, str | None], object | None],
    columns_of: ColumnsOf | None,
    search_order: Mapping[str, tuple[str, ...]],
    render_text: Callable[[str], object] | None = None,
) -> dict[str, object]:
    ref_tokens: dict[tuple[object, ...], str] = {}
    source_tokens: dict[tuple[str, str], str] = {}

    def ref(*args: object, **kwargs: object) -> object:
        if any(isinstance(a, (UnknownValue, jinja2.Undefined)) or UNKNOWN_TOKEN in str(a) for a in args):
            # a name built from what only the warehouse knows (a relation listed by a query): no ref meshlint can check
            state.mark_open("a `ref` to a name only the warehouse knows")
            return DbtRelation(UNKNOWN_TOKEN, None, None, UNKNOWN_TOKEN)
        if len(args) not in (1, 2) or not all(isinstance(a, str) for a in args):
            raise CompilerError(f"ref() takes one or two string arguments ({len(args)} given)")
        version = kwargs.get("version", kwargs.get("v"))
        given = "version" in kwargs or "v" in kwargs
        package = str(args[0]) if len(args) == 2 else None
        name = str(args[-1])
        key = (package, name, version if version not in (0, "") else None)
        token = ref_tokens.setdefault(key, _token("ref", len(ref_tokens)))
        state.refs.append(RefCall(name, package, version, state.template_line(), token, given))
        return DbtRelation(token, package, None, name, key)

    def source(source_name: object, table_name: object) -> DbtRelation:
        key = (str(source_name), str(table_name))
        token = source_tokens.setdefault(key, _token("src", len(source_tokens)))
        state.sources.append(SourceCall(key[0], key[1], state.template_line(), token))
        return DbtRelation(token, None, key[0], key[1])

    def var(name: str, default: object = _MISSING) -> object:
        for scope in (inputs.cli_vars, _project_scope(inputs)):
            if name in scope:
                value = scope[name]
                # dbt renders a var's Jinja when the var is read (`"{{ source('x', 'y') }}"`)
                if render_text is not None and isinstance(value, str) and ("{{" in value or "{%" in value):
                    return render_text(value)
                return value
        if default is not _MISSING:
            return default
        state.mark_open(f"var `{name}` has no value or default")
        return UnknownValue(f"var {name}")

    def env_var(name: str, default: object = _MISSING) -> object:
        if name in inputs.allowed_env_vars and name in os.environ:
            return os.environ[name]
        if default is not _MISSING:
            return default
        state.mark_open(f"env_var `{name}` has no default (set it in `allowed-env-vars` to read it)")
        return UnknownValue(f"env_var {name}")

    def run_query(sql: object = None) -> object:
        state.used_execute = True  # introspection: the compile pass answers differently
        state.mark_open("`run_query` needs the warehouse")
        return QueryResult("run_query")

    def statement(*args: object, caller: object = None, **kwargs: object) -> str:
        state.mark_open("`statement` results need the warehouse")
        return ""

    def load_result(name: object) -> object:
        state.used_execute = True  # introspection: the compile pass answers differently
        state.mark_open("`load_result` needs the warehouse")
        return QueryResult("load_result")

    def unknown(reason: str) -> UnknownValue:
        state.mark_open(reason)
        return UnknownValue(reason)

    run_started_at = datetime.datetime.combine(inputs.today, datetime.time(), datetime.timezone.utc)
    return {
        # Jinja's own globals (`range`, `dict`, `namespace`, ...): a context handed over whole does not
        # get them from the environment, so they are part of it here, `range` bounded as the sandbox has it
        **DEFAULT_NAMESPACE,
        "range": lambda *args: _range(state, *args),
        "dbt_version": DBT_VERSION,
        "ref": ref,
        "source": source,
        "config": ConfigFunction(state),
        "var": var,
        "env_var": env_var,
        "target": Target(type=inputs.adapter_type),
        "this": DbtRelation("meshlint__this", None, None, inputs.model_name),
        "model": {"name": inputs.model_name, "package_name": inputs.project, "config": state.config},
        "project_name": inputs.project,
        "is_incremental": lambda: False,
        "should_full_refresh": lambda: True,
        "execute": ExecuteFlag(state, inputs.execute),
        "adapter": Adapter(inputs.adapter_type, state, find_macro, columns_of, search_order, inputs.project),
        "return": _raise_return,
        "log": lambda *a, **k: "",
        "print": lambda *a, **k: "",
        "exceptions": Exceptions(),
        "modules": modules(),
        "run_started_at": run_started_at,
        "invocation_id": "00000000-0000-0000-0000-000000000000",
        "flags": {"FULL_REFRESH": False, "WHICH": "compile", "STORE_FAILURES": False},
        "graph": GraphView(inputs.graph, state),
        "run_query": run_query,
        "api": Api(state, inputs.adapter_type),
        "meshlint_unknown": unknown,
        "statement": statement,
        "load_result": load_result,
        **VALUE_FUNCTIONS,
    }


_MISSING = object()


def _project_scope(inputs: RenderInputs) -> Mapping[str, object]:
    """dbt_project.yml vars: global keys, overridden by the ones scoped to this project."""
    scoped = inputs.project_vars.get(inputs.project)
    merged = {k: v for k, v in inputs.project_vars.items() if not isinstance(v, Mapping) or k != inputs.project}
    if isinstance(scoped, Mapping):
        merged.update(scoped)
    return merged


def package_vars(package: str, own: Mapping[str, object], root: Mapping[str, object]) -> dict[str, object]:
    """The vars a package's nodes see, as dbt merges them: the package's own dbt_project.yml vars, then
    the installing (root) project's global vars and those it scopes to the package, which win. Returned
    in the shape `_project_scope` reads (scoped to `package`).

    >>> package_vars("tuva", {"claims_enabled": False, "year": 2020}, {"claims_enabled": True, "tuva": {"year": 2024}, "other": {"year": 1}})
    {'claims_enabled': True, 'year': 2024, 'other': {'year': 1}}
    """

    def scope(values: Mapping[str, object]) -> dict[str, object]:
        merged = {k: v for k, v in values.items() if k != package or not isinstance(v, Mapping)}
        scoped = values.get(package)
        if isinstance(scoped, Mapping):
            merged.update(scoped)
        return merged

    return {**scope(own), **scope(root)}
