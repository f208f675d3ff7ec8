"""The refs a model makes through its foreign keys: dbt adds a `to: ref('model')` to the model's
dependencies, and checks its access like any ref, so a private or protected target fails the parse."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from meshlint.analyse.facts import AnalysedMesh, AnalysedNode, ResolvedRef
from meshlint.analyse.graph import NodeIndex, resolve_ref
from meshlint.diagnostics import Location
from meshlint.project.facts import ModelNode, columns_outline
from meshlint.render.state import RefCall
from meshlint.rules.ml105_contract_no_effect import model_constraints

STATIC_REF = re.compile(r"\s*ref\(\s*(['\"])([^'\"]+)\1\s*(?:,\s*(['\"])([^'\"]+)\3\s*)?\)\s*")


@dataclass(frozen=True)
class ForeignKeyRef:
    ref: ResolvedRef
    location: Location  # the `to:` value
    column_name: str | None  # None for a model-level constraint


def static_foreign_keys(node: ModelNode) -> Iterator[tuple[str | None, Location, RefCall]]:
    """Each foreign key of the model whose `to:` is a plain `ref('model')` / `ref('project', 'model')`:
    the column it is on (None for a model-level constraint), where its `to:` is and the ref it makes."""
    constraints = [(None, c) for c in model_constraints(node)]
    if columns_outline(node).constraints:  # most models' columns need not be unpickled to know they have none
        constraints += [(column.name, c) for column in node.columns for c in column.constraints]
    for column_name, constraint in constraints:
        if constraint.type != "foreign_key" or constraint.to is None:
            continue
        match = STATIC_REF.fullmatch(constraint.to.value)
        if match is None:
            continue
        package, name = (match.group(2), match.group(4)) if match.group(4) else (None, match.group(2))
        yield column_name, constraint.to.location, RefCall(name, package, None, constraint.to.location.line, constraint.to.value)


def foreign_key_refs(analysed: AnalysedNode, mesh: AnalysedMesh) -> Iterator[ForeignKeyRef]:
    """Each plain `to: ref('model')` / `ref('project', 'model')` of the model's foreign keys, resolved."""
    node = analysed.node
    project = mesh.project(node.project)
    if project is None:
        return
    for column_name, location, call in static_foreign_keys(node):
        index = mesh.derived("node-index", "", lambda: NodeIndex.of(mesh.mesh))
        yield ForeignKeyRef(resolve_ref(call, project, index), location, column_name)
