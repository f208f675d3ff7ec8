"""Frozen facts the analyse stage hands to the rules."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal, TypeVar

from meshlint.analyse.column_uses import SelectUses
from meshlint.analyse.columns import ColumnSet, SqlParseFailure
from meshlint.diagnostics import Diagnostic
from meshlint.project.facts import Mesh, ModelNode, NodeConfig, Project
from meshlint.render.state import RefCall, RenderResult

T = TypeVar("T")

# "unchecked": the ref may name a model of a package that is not installed; nothing is said.
RefProblem = Literal["unknown-model", "unknown-version", "undeclared-project", "unavailable-project", "disabled", "unchecked"]


@dataclass(frozen=True)
class ResolvedRef:
    call: RefCall
    project: str  # the project the ref was looked up in
    target: ModelNode | None
    problem: RefProblem | None = None


@dataclass(frozen=True)
class AnalysedNode:
    node: ModelNode
    config: NodeConfig  # after SQL config() is applied
    dialect: str | None
    render: RenderResult | None = None
    refs: tuple[ResolvedRef, ...] = ()
    columns: ColumnSet | None = None  # None when the SQL was never inferred
    sql_failure: SqlParseFailure | None = None
    # The columns the rendered SQL reads, by SELECT (None when not known), for ML308.
    column_uses: tuple[SelectUses, ...] | None = field(default=None, compare=False, repr=False)

    @property
    def unique_id(self) -> str:
        return self.node.unique_id


@dataclass(frozen=True)
class RuleOptions:
    deprecation_window_days: int = 90
    strict_types: bool = False


@dataclass(frozen=True)
class AnalysedMesh:
    mesh: Mesh
    nodes: tuple[AnalysedNode, ...]
    today: datetime.date
    options: RuleOptions = RuleOptions()
    # Diagnostics the stages raised (bad Jinja, bad SQL, cycles, unavailable upstreams).
    problems: tuple[Diagnostic, ...] = ()
    by_id: Mapping[str, AnalysedNode] = field(default_factory=dict)
    # In a run scoped to changed files, how many models the mesh has (only some are analysed); else None.
    models_in_mesh: int | None = None
    # What several rules derive from the same node, computed once (see `derived`).
    _derived: dict[tuple[str, str], object] = field(default_factory=dict, compare=False, repr=False)

    def derived(self, what: str, of: str, compute: Callable[[], T]) -> T:
        """`compute()` once per run for `what` of `of` (a node id, or "" for the mesh), however many rules
        ask (a node's contract comparison, the mesh's node index)."""
        key = (what, of)
        if key not in self._derived:
            self._derived[key] = compute()
        return self._derived[key]  # type: ignore[return-value]

    def project(self, name: str) -> Project | None:
        return self.mesh.project(name)
