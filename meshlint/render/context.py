"""dbt's Jinja context for one model render: ref, source, config, var, env_var, target, this,
is_incremental, adapter (dispatch, quote, introspection), return, exceptions, modules and the rest.
Warehouse answers are never invented: what only a warehouse knows is unknown, and the model is
marked open."""

from __future__ import annotations

import datetime
import hashlib
import itertools
import json
import os
import re
import types
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

import yaml
from jinja2.defaults import DEFAULT_NAMESPACE
from jinja2.exceptions import SecurityError
from jinja2.sandbox import safe_range

from meshlint.render.environment import MacroReturn
from meshlint.render.state import RefCall, RenderState, SourceCall
from meshlint.render.values import Column, Relation, UnknownValue

# What `dbt_version` says: the dbt-core release whose macros meshlint's built-ins follow.
DBT_VERSION = "1.11.0"

# How an adapter inherits dispatched macros (`redshift__x`, then `postgres__x`, then `default__x`).
ADAPTER_PARENTS = {"redshift": ("postgres",), "databricks": ("spark",), "fabric": ("sqlserver",)}

# Answers introspection in the compile pass: a ref's key -> the referenced node's known columns,
# or None when they are not (all) known.
ColumnsOf = Callable[[tuple[object, ...]], "list[Column] | None"]


class CompilerError(Exception):
    """`exceptions.raise_compiler_error(...)` from a template: dbt would fail the compile."""


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


class ExecuteFlag:
    """`execute`: false in the parse pass, true in the compile pass; reading it is recorded, since
    a template that branches on it renders differently in the two passes."""

    def __init__(self, state: RenderState, value: bool) -> None:
        self._state = state
        self._value = value

    def __bool__(self) -> bool:
        self._state.used_execute = True
        return self._value

    def __str__(self) -> str:
        return str(bool(self))


class ConfigFunction:
    """`config(...)` records keys; `config.get` / `config.require` read them back."""

    def __init__(self, state: RenderState) -> None:
        self._state = state

    def __call__(self, *args: object, **kwargs: object) -> str:
        if args and isinstance(args[0], Mapping):
            kwargs = {**args[0], **kwargs}
        line = self._state.template_line()
        for key, value in kwargs.items():
            self._state.config[key] = value
            self._state.config_lines[key] = line
        return ""

    def get(self, key: str, default: object = None, validator: object = None) -> object:
        return self._state.config.get(key, default)

    def require(self, key: str, validator: object = None) -> object:
        if key in self._state.config:
            return self._state.config[key]
        return UnknownValue(f"config `{key}` is required")

    def set(self, key: str, value: object) -> str:
        self._state.config[key] = value
        return ""

    def persist_relation_docs(self) -> bool:
        return False

    def persist_column_docs(self) -> bool:
        return False


class Exceptions:
    def raise_compiler_error(self, message: object, node: object = None) -> None:
        raise CompilerError(str(message))

    def warn(self, message: object, node: object = None) -> str:
        return ""

    def raise_not_implemented(self, message: object) -> None:
        raise CompilerError(str(message))

    def raise_contract_error(self, *args: object) -> None:
        raise CompilerError("contract error")


class Adapter:
    """`adapter`: dispatch with dbt's search order, quoting, and introspection answered from
    inferred columns when they are known."""

    def __init__(
        self,
        adapter_type: str,
        state: RenderState,
        find_macro: Callable[[str, str | None], object | None],
        columns_of: ColumnsOf | None,
        search_order: Mapping[str, tuple[str, ...]],
        root_project: str | None = None,
    ) -> None:
        self._root_project = root_project
        self._type = adapter_type
        self._state = state
        self._find_macro = find_macro
        self._columns_of = columns_of
        self._search_order = search_order

    def type(self) -> str:
        return self._type

    def prefixes(self) -> tuple[str, ...]:
        return (self._type, *ADAPTER_PARENTS.get(self._type, ()), "default")

    def dispatch(self, macro_name: str, macro_namespace: str | None = None, packages: object = None) -> object:
        if macro_namespace is None and "." in macro_name:
            macro_namespace, macro_name = macro_name.split(".", 1)
        packages_to_search: tuple[str | None, ...]
        if macro_namespace is None:
            packages_to_search = (None,)
        else:
            # as dbt does for a namespace without a `dispatch` search order: the root project, then the
            # namespace itself (never the global `dbt` macros in between)
            default_order = (self._root_project, macro_namespace) if self._root_project else (macro_namespace,)
            packages_to_search = self._search_order.get(macro_namespace, default_order)
        for package in packages_to_search:
            for prefix in self.prefixes():
                found = self._find_macro(f"{prefix}__{macro_name}", package)
                if found is not None:
                    return found
        self._state.mark_open(f"no implementation of `{macro_name}` for adapter `{self._type}`")
        return UnknownValue(f"dispatch {macro_name}")

    def quote(self, identifier: object) -> str:
        quote = "`" if self._type in {"bigquery", "databricks", "spark"} else '"'
        return f"{quote}{identifier}{quote}"

    def quote_as_configured(self, identifier: object, quote_key: object = None) -> str:
        return str(identifier)

    def get_columns_in_relation(self, relation: object) -> object:
        if isinstance(relation, Relation) and relation.ref_key is not None and self._columns_of is not None:
            columns = self._columns_of(relation.ref_key)
            if columns is not None:
                return columns
        if self._columns_of is not None:  # compile pass: the answer is not known statically
            self._state.mark_open(f"columns of `{getattr(relation, 'identifier', relation)}` are not known")
            return UnknownValue("get_columns_in_relation")
        return []

    def get_relation(self, database: object = None, schema: object = None, identifier: object = None) -> object:
        self._state.mark_open("`adapter.get_relation` needs the warehouse")
        return UnknownValue("get_relation")

    def check_schema_exists(self, *args: object, **kwargs: object) -> bool:
        return True

    def __getattr__(self, name: str) -> object:
        if name.startswith("_"):
            raise AttributeError(name)
        self._state.mark_open(f"`adapter.{name}` needs the warehouse")
        return UnknownValue(f"adapter.{name}")


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


class ModuleView:
    """What `modules.<name>` shows a template: the listed attributes of one module and nothing else.
    The module object itself stays out of reach, since its other attributes lead to `sys` and `os`.

    >>> view = ModuleView(datetime, ["date"])
    >>> view.date(2024, 2, 29).isoformat()
    '2024-02-29'
    >>> view.sys
    Traceback (most recent call last):
    ...
    jinja2.exceptions.SecurityError: `modules.datetime.sys` is not available in meshlint's sandbox
    """

    def __init__(self, module: types.ModuleType, names: Iterable[str]) -> None:
        self._module = module
        self._names = frozenset(names)

    def __getattr__(self, name: str) -> object:
        if name in self._names:
            return getattr(self._module, name)
        if name.startswith("_"):
            raise AttributeError(name)
        raise SecurityError(f"`modules.{self._module.__name__}.{name}` is not available in meshlint's sandbox")


_DATETIME_NAMES = ("date", "datetime", "time", "timedelta", "timezone", "tzinfo", "MINYEAR", "MAXYEAR")
_RE_NAMES = (
    "compile", "search", "match", "fullmatch", "split", "findall", "finditer", "sub", "subn", "escape",
    "error", "Pattern", "Match", "A", "ASCII", "I", "IGNORECASE", "L", "LOCALE", "M", "MULTILINE",
    "S", "DOTALL", "U", "UNICODE", "X", "VERBOSE",
)


def _modules() -> dict[str, ModuleView]:
    return {
        "datetime": ModuleView(datetime, _DATETIME_NAMES),
        "re": ModuleView(re, _RE_NAMES),
        "itertools": ModuleView(itertools, (n for n in dir(itertools) if not n.startswith("_"))),
    }


def _token(prefix: str, index: int) -> str:
    return f"meshlint__{prefix}_{index}"


def _raise_return(value: object) -> None:
    raise MacroReturn(value)


def _tojson(value: object, default: object = None, sort_keys: bool = False) -> object:
    try:
        return json.dumps(value, sort_keys=sort_keys)
    except (TypeError, ValueError):
        return default


def _toyaml(value: object, default: object = None, sort_keys: bool = False) -> object:
    try:
        return yaml.safe_dump(value, sort_keys=sort_keys)
    except yaml.YAMLError:
        return default


def _set(value: object = (), default: object = None) -> object:
    try:
        return set(value)  # type: ignore[call-overload]
    except TypeError:
        return default


def _zip(*args: object, default: object = None) -> object:
    try:
        return list(zip(*args))  # type: ignore[call-overload]
    except TypeError:
        return default


def _fromjson(text: object, default: object = None) -> object:
    try:
        return json.loads(str(text))
    except ValueError:
        return default


def _fromyaml(text: object, default: object = None) -> object:
    try:
        return yaml.safe_load(str(text))
    except yaml.YAMLError:
        return default


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
        state.mark_open("`run_query` needs the warehouse")
        return UnknownValue("run_query")

    def statement(*args: object, caller: object = None, **kwargs: object) -> str:
        state.mark_open("`statement` results need the warehouse")
        return ""

    def load_result(name: object) -> object:
        state.mark_open("`load_result` needs the warehouse")
        return UnknownValue("load_result")

    def unknown(reason: str) -> UnknownValue:
        state.mark_open(reason)
        return UnknownValue(reason)

    run_started_at = datetime.datetime.combine(inputs.today, datetime.time(), datetime.timezone.utc)
    return {
        # Jinja's own globals (`range`, `dict`, `namespace`, ...): a context handed over whole does not
        # get them from the environment, so they are part of it here, `range` bounded as the sandbox has it
        **DEFAULT_NAMESPACE,
        "range": safe_range,
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
        "modules": _modules(),
        "run_started_at": run_started_at,
        "invocation_id": "00000000-0000-0000-0000-000000000000",
        "flags": {"FULL_REFRESH": False, "WHICH": "compile", "STORE_FAILURES": False},
        "graph": {"nodes": {}, "sources": {}, "exposures": {}, "metrics": {}},
        "run_query": run_query,
        "meshlint_unknown": unknown,
        "statement": statement,
        "load_result": load_result,
        "tojson": _tojson,
        "fromjson": _fromjson,
        "fromyaml": _fromyaml,
        "toyaml": _toyaml,
        "zip": _zip,
        "set": _set,
        "set_strict": lambda value: set(value),
        "local_md5": lambda value: hashlib.md5(str(value).encode(), usedforsecurity=False).hexdigest(),
    }


_MISSING = object()


def _project_scope(inputs: RenderInputs) -> Mapping[str, object]:
    """dbt_project.yml vars: global keys, overridden by the ones scoped to this project."""
    scoped = inputs.project_vars.get(inputs.project)
    merged = {k: v for k, v in inputs.project_vars.items() if not isinstance(v, Mapping) or k != inputs.project}
    if isinstance(scoped, Mapping):
        merged.update(scoped)
    return merged
