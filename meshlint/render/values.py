"""Objects a template sees in place of warehouse things: relations, columns, and the `unknown`
value that stands for anything only a live warehouse could answer."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

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
class Column:
    """What `adapter.get_columns_in_relation` returns for a known column."""

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
