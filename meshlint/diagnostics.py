"""The finding every stage and rule produces, and the severities it can carry."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Severity(str, enum.Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@dataclass(frozen=True, order=True, slots=True)
class Location:
    """A place in a file: `path` as given to the stage (absolute until the engine relativises it),
    `line` and `column` 1-based; 0 means "the whole file".

    Slotted and pickled as its constructor's arguments: a warm run unpickles hundreds of thousands
    of them (every declaration's place), and that is 40% faster than an instance with a `__dict__`.

    >>> import pickle
    >>> pickle.loads(pickle.dumps(Location("a.yml", 3, 7))) == Location("a.yml", 3, 7)
    True
    """

    path: str
    line: int = 0
    column: int = 0

    def __reduce__(self) -> tuple[type[Location], tuple[str, int, int]]:
        return type(self), (self.path, self.line, self.column)


@dataclass(frozen=True)
class Diagnostic:
    code: str
    rule: str
    severity: Severity
    message: str
    location: Location
    node: str | None = None
    column_name: str | None = None
    target: str | None = None
    help: str | None = None
    # Extra facts a report may show (e.g. which stand-in macro was used); never part of identity.
    notes: tuple[str, ...] = field(default=(), compare=False)
    # Node ids this finding makes unreliable: other findings on them, or on refs to them, follow from
    # this one and are not reported (cascades.py). Never part of identity or output.
    covers: tuple[str, ...] = field(default=(), compare=False)

    def sort_key(self) -> tuple[str, int, int, str, str, str, str]:
        return (
            self.location.path,
            self.location.line,
            self.location.column,
            self.code,
            self.node or "",
            self.column_name or "",
            self.message,
        )
