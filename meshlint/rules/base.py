"""What a rule is: literal metadata (code, name, default severity, summary) plus a check that yields
findings. Rules never raise to report a finding and never stop at the first one."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from meshlint.diagnostics import Diagnostic, Location, Severity

if TYPE_CHECKING:
    from meshlint.analyse.compare import MeshChange
    from meshlint.analyse.facts import AnalysedMesh, AnalysedNode
    from meshlint.project.facts import ModelNode

DOCS_URL = "https://github.com/meshlint/meshlint/blob/main/rules/{code}-{name}/README.md"


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    # Exactly one of these is set for rules that run; codes emitted by a stage (ML001-ML006) have neither.
    check_node: Callable[["AnalysedNode", "AnalysedMesh"], Iterable[Diagnostic]] | None = None
    check_mesh: Callable[["AnalysedMesh"], Iterable[Diagnostic]] | None = None
    # Rules about a change (ML5xx) run only with `--base`, on the comparison of the two sides.
    check_change: Callable[["MeshChange"], Iterable[Diagnostic]] | None = None
    # Off unless selected (e.g. ML007).
    default_enabled: bool = True

    @property
    def help_uri(self) -> str:
        return DOCS_URL.format(code=self.code, name=self.name)

    def diagnostic(
        self,
        message: str,
        location: Location,
        *,
        node: str | None = None,
        column_name: str | None = None,
        target: str | None = None,
        help: str | None = None,
        notes: tuple[str, ...] = (),
        covers: tuple[str, ...] = (),
    ) -> Diagnostic:
        return Diagnostic(
            code=self.code,
            rule=self.name,
            severity=self.severity,
            message=message,
            location=location,
            node=node,
            column_name=column_name,
            target=target,
            help=help,
            notes=notes,
            covers=covers,
        )


def node_label(node: "ModelNode") -> str:
    """How messages name a node: `fct_orders` v2, or `stg_orders`."""
    version = f" v{node.version}" if node.version is not None else ""
    return f"`{node.name}`{version}"


def sql_location(analysed: "AnalysedNode", sql_line: int) -> Location:
    """A rendered-SQL line of a model as a location in its template (line 1 when unknown)."""
    node = analysed.node
    assert node.sql is not None
    line = analysed.render.template_line(sql_line) if analysed.render is not None and sql_line else 1
    return Location(node.sql.path, line, 1)


def ref_location(analysed: "AnalysedNode", line: int) -> Location:
    assert analysed.node.sql is not None
    return Location(analysed.node.sql.path, line, 1)


def written_name(analysed: "AnalysedNode", name: str, sql_line: int) -> str:
    """A produced column's name as the SQL spells it (the warehouse may report it folded)."""
    sql = analysed.render.sql if analysed.render is not None else None
    if sql and sql_line:
        lines = sql.splitlines()
        if 0 < sql_line <= len(lines):
            for word in re.findall(r'"([^"]+)"|`([^`]+)`|(\w+)', lines[sql_line - 1]):
                spelled = next(w for w in word if w)
                if spelled.lower() == name.lower():
                    return spelled
    return name
