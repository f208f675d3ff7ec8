"""What `adapter` answers a template: dispatch in dbt's search order, quoting, and introspection from the
columns meshlint has inferred. Anything else an adapter would ask the warehouse is unknown, and the model is
marked open."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from meshlint.render.builtins import CompilerError
from meshlint.render.state import CURRENT, RenderState
from meshlint.render.values import Column, Relation, UnknownValue

# How an adapter inherits dispatched macros (`redshift__x`, then `postgres__x`, then `default__x`).
ADAPTER_PARENTS = {"redshift": ("postgres",), "databricks": ("spark",), "fabric": ("sqlserver",)}

# Answers introspection in the compile pass: a ref's key -> the referenced node's known columns,
# or None when they are not (all) known.
ColumnsOf = Callable[[tuple[object, ...]], list[Column] | None]


class _UnknownColumns(UnknownValue):
    """Columns only the warehouse knows: they open the model (with this reason) when they reach its SQL.

    >>> state = RenderState("model")
    >>> token = CURRENT.set(state)
    >>> columns = _UnknownColumns("columns of `orders` are not known")
    >>> [c.name == "id" for c in columns], list(state.open_reasons)
    ([False], [])
    >>> str(next(iter(columns)).name), state.open_reasons
    ('meshlint__unknown', ['columns of `orders` are not known'])
    >>> CURRENT.reset(token)
    """

    def __str__(self) -> str:
        state = CURRENT.get(None)
        if state is not None:
            state.mark_open(self.reason)
        return super().__str__()

    __html__ = __str__


class Adapter:
    """`adapter`: dispatch with dbt's search order, quoting, and introspection answered from
    inferred columns when they are known.

    >>> state = RenderState("model")
    >>> adapter = Adapter("redshift", state, lambda name, package: name if name == "postgres__cast" else None, None, {})
    >>> adapter.prefixes(), adapter.dispatch("cast"), adapter.quote("id")
    (('redshift', 'postgres', 'default'), 'postgres__cast', '"id"')
    >>> adapter.get_relation(), state.open_reasons
    (UnknownValue('get_relation'), ['`adapter.get_relation` needs the warehouse'])
    """

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
        if packages is not None:  # removed in dbt 1.0; dbt 1.11 fails the compile with this message
            raise CompilerError(
                'The "packages" argument of adapter.dispatch() has been deprecated. Use the "macro_namespace"'
                f" argument instead. Raised during dispatch for: {macro_name}"
            )
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
        self._state.used_execute = True  # introspection: the compile pass answers differently
        if isinstance(relation, Relation) and relation.ref_key is not None and self._columns_of is not None:
            columns = self._columns_of(relation.ref_key)
            if columns is not None:
                return columns
        if self._columns_of is not None:
            # compile pass, the columns unknown: an unknown that opens the model only where it reaches the
            # SQL (as a column list would); a template that only tests names against it (fivetran_utils'
            # fill_staging_columns) still produces the columns it names
            return _UnknownColumns(f"columns of `{getattr(relation, 'identifier', relation)}` are not known")
        return []

    def get_relation(self, database: object = None, schema: object = None, identifier: object = None) -> object:
        self._state.used_execute = True
        self._state.mark_open("`adapter.get_relation` needs the warehouse")
        return UnknownValue("get_relation")

    def check_schema_exists(self, *args: object, **kwargs: object) -> bool:
        return True

    def __getattr__(self, name: str) -> object:
        if name.startswith("_"):
            raise AttributeError(name)
        self._state.mark_open(f"`adapter.{name}` needs the warehouse")
        return UnknownValue(f"adapter.{name}")
