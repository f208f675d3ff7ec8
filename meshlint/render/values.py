"""Objects a template sees in place of warehouse things: relations, columns, and the `unknown`
value that stands for anything only a live warehouse could answer."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from meshlint.render.column_kinds import ColumnKinds

# Rendered where a value is unknown; inference drops any column whose SQL mentions it.
UNKNOWN_TOKEN = "meshlint__unknown"


class UnknownValue:
    """Stands for a value only a warehouse (or a missing macro) could produce. It renders as a
    marker, iterates as one unknown item, and every attribute or call gives another unknown, so
    templates keep rendering and the model is marked open instead of failing."""

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def __str__(self) -> str:
        return UNKNOWN_TOKEN

    def __html__(self) -> str:
        return UNKNOWN_TOKEN

    def __repr__(self) -> str:
        return f"UnknownValue({self.reason!r})"

    def __iter__(self) -> Iterator["UnknownValue"]:
        return iter([self])

    def __len__(self) -> int:
        return 1

    def __bool__(self) -> bool:
        return False

    def __getattr__(self, name: str) -> "UnknownValue":
        if name.startswith("__"):
            raise AttributeError(name)
        return self

    def __getitem__(self, key: object) -> "UnknownValue":
        return self

    def __call__(self, *args: object, **kwargs: object) -> "UnknownValue":
        return self

    def __eq__(self, other: object) -> bool:
        return isinstance(other, UnknownValue)

    def __hash__(self) -> int:
        return hash(UNKNOWN_TOKEN)

    # Comparisons with an unknown are false, whichever side it is on; arithmetic stays unknown.
    def __lt__(self, other: object) -> bool:
        return False

    __le__ = __gt__ = __ge__ = __lt__

    def _unknown(self, *_: object) -> "UnknownValue":
        return self

    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _unknown
    __truediv__ = __rtruediv__ = __floordiv__ = __rfloordiv__ = __mod__ = __rmod__ = __neg__ = _unknown

    def __int__(self) -> int:
        return 0

    def __float__(self) -> float:
        return 0.0


class QueryResult:
    """What `run_query` and `load_result` give in the compile pass, where meshlint has no warehouse: an
    agate-like table of one row whose every value is unknown (so a template that loops over the result,
    reads `.columns`, `.rows`, `.table` or `['data']`, or compares a value, renders on, and the model
    is marked open where the SQL uses a value).

    >>> result = QueryResult("run_query")
    >>> bool(result), [str(v) for v in result.columns[0].values()], result.rows[0][0] < 3, len(result.table)
    (True, ['meshlint__unknown'], False, 1)
    >>> [(str(name), str(column.name)) for name, column in result.columns.items()], [str(r) for r in result['data']]
    ([('meshlint__unknown', 'meshlint__unknown')], ['meshlint__unknown'])
    """

    def __init__(self, reason: str) -> None:
        self.reason = reason
        self._value = UnknownValue(reason)

    @property
    def table(self) -> "QueryResult":
        return self

    @property
    def rows(self) -> list[UnknownValue]:
        return [self._value]

    @property
    def columns(self) -> "_UnknownColumns":
        return _UnknownColumns(self._value)

    @property
    def column_names(self) -> list[UnknownValue]:
        return [self._value]

    @property
    def column_types(self) -> list[UnknownValue]:
        return [self._value]

    def __getitem__(self, key: object) -> object:
        if key == "table":
            return self
        if key == "data":
            return [self._value]
        if key == "response":
            return self._value
        return self._value

    def get(self, key: object, default: object = None) -> object:
        return self[key]

    def __iter__(self) -> Iterator[UnknownValue]:
        return iter([self._value])

    def __len__(self) -> int:
        return 1

    def __bool__(self) -> bool:
        return True

    def __str__(self) -> str:
        return UNKNOWN_TOKEN

    def print_table(self, *args: object, **kwargs: object) -> str:
        return ""

    def __getattr__(self, name: str) -> UnknownValue:
        if name.startswith("_"):
            raise AttributeError(name)
        return self._value


class _UnknownColumns:
    """`table.columns` of a `QueryResult`: one column, by index, by name, or as `items()`."""

    def __init__(self, value: UnknownValue) -> None:
        self._column = _UnknownColumn(value)

    def __getitem__(self, key: object) -> "_UnknownColumn":
        return self._column

    def __iter__(self) -> Iterator["_UnknownColumn"]:
        return iter([self._column])

    def __len__(self) -> int:
        return 1

    def items(self) -> list[tuple[UnknownValue, "_UnknownColumn"]]:
        return [(self._column.name, self._column)]

    def keys(self) -> list[UnknownValue]:
        return [self._column.name]

    def values(self) -> list["_UnknownColumn"]:
        return [self._column]


class _UnknownColumn:
    def __init__(self, value: UnknownValue) -> None:
        self.name = value
        self.data_type = value

    def values(self) -> list[UnknownValue]:
        return [self.name]

    def values_distinct(self) -> list[UnknownValue]:
        return [self.name]


@dataclass(frozen=True)
class Relation:
    """What `ref()`, `source()` and `this` return: renders as a token that analysis maps back to
    the referenced node; its attributes look like dbt's Relation."""

    token: str
    database: str | None
    schema: str | None
    identifier: str
    ref_key: tuple[object, ...] | None = None  # the ref call's key, for introspection

    def __str__(self) -> str:
        return self.token

    def __html__(self) -> str:
        return self.token

    @property
    def name(self) -> str:
        return self.identifier

    @property
    def table(self) -> str:
        return self.identifier

    def render(self) -> str:
        return self.token

    def include(self, **_: object) -> "Relation":
        return self

    def quote(self, **_: object) -> "Relation":
        return self

    def incorporate(self, **_: object) -> "Relation":
        return self

    @property
    def is_table(self) -> bool:
        return True

    @property
    def is_view(self) -> bool:
        return False

    @property
    def type(self) -> str:
        return "table"


@dataclass(frozen=True)
class Column(ColumnKinds):
    """What `adapter.get_columns_in_relation` returns for a known column (type tests: column_kinds.py)."""

    name: str
    data_type: str

    @property
    def column(self) -> str:
        return self.name

    @property
    def dtype(self) -> str:
        return self.data_type

    @property
    def quoted(self) -> str:
        return f'"{self.name}"'
