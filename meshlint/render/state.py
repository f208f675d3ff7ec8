"""What one render records, and the frozen result it becomes."""

from __future__ import annotations

import contextvars
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import FrameType

# The render in progress. Undefined names and builtins report to it; a ContextVar keeps renders in
# different threads or tasks apart.
CURRENT: contextvars.ContextVar["RenderState"] = contextvars.ContextVar("meshlint_render_state")


@dataclass(frozen=True)
class RefCall:
    """A `ref()` call: `package` is None for a one-argument ref; `version` is the raw `v=`/`version=`."""

    name: str
    package: str | None
    version: object
    line: int
    token: str
    # `v=` given but falsy (0 or ""): dbt treats it as unpinned
    version_given: bool = False

    @property
    def key(self) -> tuple[object, ...]:
        return (self.package, self.name, self.version)


@dataclass(frozen=True)
class SourceCall:
    source: str
    table: str
    line: int
    token: str


@dataclass(frozen=True)
class RenderFailure:
    message: str
    line: int
    help: str | None = None
    # past a budget (budget.py): never cached, since time depends on the machine
    budget: bool = False
    # raised by the template itself (`exceptions.raise_compiler_error`, an adapter a macro rejects)
    raised: bool = False


@dataclass(frozen=True)
class RenderResult:
    sql: str | None
    refs: tuple[RefCall, ...] = ()
    sources: tuple[SourceCall, ...] = ()
    config: Mapping[str, object] = field(default_factory=dict)
    config_lines: Mapping[str, int] = field(default_factory=dict)
    open_reasons: tuple[str, ...] = ()
    failure: RenderFailure | None = None
    used_execute: bool = False
    used_graph: bool = False
    stand_ins: tuple[str, ...] = ()
    # Rendered SQL line (1-based) -> template line; index 0 unused.
    line_map: tuple[int, ...] = ()

    def template_line(self, sql_line: int) -> int:
        if 0 < sql_line < len(self.line_map):
            return self.line_map[sql_line]
        return 1


@dataclass
class RenderState:
    template_name: str
    refs: list[RefCall] = field(default_factory=list)
    sources: list[SourceCall] = field(default_factory=list)
    config: dict[str, object] = field(default_factory=dict)
    config_lines: dict[str, int] = field(default_factory=dict)
    open_reasons: list[str] = field(default_factory=list)
    used_execute: bool = False
    used_graph: bool = False
    stand_ins: list[str] = field(default_factory=list)
    static_line: int = 0  # the line of the call being made when rendered without Jinja (static.py)

    def mark_open(self, reason: str) -> None:
        if reason not in self.open_reasons:
            self.open_reasons.append(reason)

    def template_line_after_error(self) -> int:
        """The model-template line where an exception is being handled (from its traceback)."""
        error = sys.exc_info()[1]
        traceback = error.__traceback__ if error is not None else None
        line = 0
        while traceback is not None:
            template = traceback.tb_frame.f_globals.get("__jinja_template__")
            if template is not None and template.name == self.template_name:
                line = template.get_corresponding_lineno(traceback.tb_lineno)
            traceback = traceback.tb_next
        return line or 1

    def template_line(self) -> int:
        """The line of the model's own template that is executing now (the outermost frame of it,
        so a call made inside a macro points at the line that called the macro)."""
        if self.static_line:
            return self.static_line  # rendered without Jinja (static.py): the call's line
        frame: FrameType | None = sys._getframe(1)
        line = 0
        while frame is not None:
            template = frame.f_globals.get("__jinja_template__")
            if template is not None and template.name == self.template_name:
                line = template.get_corresponding_lineno(frame.f_lineno)
            frame = frame.f_back
        return line or 1
