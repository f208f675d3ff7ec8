"""Compare two analysed meshes, node by node: a pure function of a base and a head (neither knows
which side it is), which `check --base` and its rules (ML501-ML503) read.

A node's *outputs* are the columns it is known to produce: its declared columns when its contract
is enforced, else its inferred columns. A column is *removed* when the base knew it and the head's
outputs, complete, lack it; *retyped* when both sides know its type and the adapter's contract check
would tell the two apart. Files the base could not parse are given as `unknown`: nodes defined in
them are left out, so nothing is guessed from a side that is not known."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal, Union

from sqlglot import exp

from meshlint.analyse.columns import type_key
from meshlint.analyse.contract_changes import ContractBreak, ContractSide, contract_break
from meshlint.analyse.facts import AnalysedMesh, AnalysedNode
from meshlint.analyse.types import type_class
from meshlint.project.dates import deprecation_of
from meshlint.project.downstream import DownstreamUse
from meshlint.project.facts import ModelNode, Project
from meshlint.project.profiles import DIALECT_ADAPTERS


TypeText = Union[str, exp.DataType, None]


@dataclass(frozen=True)
class Outputs:
    """A node's output columns by lower-cased name (as consumers' SQL resolves them, and as ML308 compares
    them): (name as written, declared type text or inferred type)."""

    columns: Mapping[str, tuple[str, TypeText]]
    closed: bool
    dialect: str
    signature: tuple[object, ...]


@dataclass(frozen=True)
class ColumnChange:
    name: str  # as the base spelled it
    key: str  # lower-cased name
    change: Literal["removed", "retyped"]
    old_type: str | None = None
    new_type: str | None = None
    renamed_to: str | None = None  # the one column the head added in its place, if only one


@dataclass(frozen=True)
class ColumnDiff:
    changed: tuple[ColumnChange, ...] = ()
    added: tuple[str, ...] = ()

    def by_key(self) -> dict[str, ColumnChange]:
        return {c.key: c for c in self.changed}


@dataclass(frozen=True)
class NodeChange:
    """One node that differs between the sides (added, removed or disabled, or changed)."""

    unique_id: str
    base: AnalysedNode | None  # None: new at the head
    head: AnalysedNode | None  # None: gone (deleted, renamed or disabled)
    disabled: ModelNode | None = None  # the head still defines it, disabled
    contract: ContractBreak = ContractBreak()
    columns: ColumnDiff = ColumnDiff()
    deprecation: tuple[str | None, str | None] | None = None  # (base, head) when it changed

    @property
    def status(self) -> Literal["added", "removed", "disabled", "changed"]:
        if self.base is None:
            return "added"
        if self.head is None:
            return "disabled" if self.disabled is not None else "removed"
        return "changed"


@dataclass(frozen=True)
class MeshChange:
    base: AnalysedMesh
    head: AnalysedMesh
    nodes: tuple[NodeChange, ...]
    downstream: tuple[DownstreamUse, ...] = ()
    unknown: frozenset[str] = frozenset()  # unique ids whose base side is not known
    _memo: dict[tuple[str, str, str], object] = field(default_factory=dict, compare=False, repr=False)

    @property
    def by_id(self) -> dict[str, NodeChange]:
        return {n.unique_id: n for n in self.nodes}

    def column_diff(self, base_id: str, head_id: str) -> ColumnDiff:
        """How the columns a consumer reads changed, from the base's node `base_id` to the head's
        `head_id` (two ids when an unpinned ref moved to a new latest version)."""
        key = ("diff", base_id, head_id)
        if key not in self._memo:
            old, new = self.base.by_id.get(base_id), self.head.by_id.get(head_id)
            known = base_id not in self.unknown and head_id not in self.unknown
            self._memo[key] = column_diff(outputs(old), outputs(new)) if old and new and known else ColumnDiff()
        return self._memo[key]  # type: ignore[return-value]

    def base_columns(self, base_id: str) -> Outputs | None:
        key = ("outputs", base_id, "")
        if key not in self._memo:
            node = self.base.by_id.get(base_id)
            self._memo[key] = outputs(node) if node is not None and base_id not in self.unknown else None
        return self._memo[key]  # type: ignore[return-value]


def outputs(analysed: AnalysedNode | None) -> Outputs | None:
    """The columns a node is known to produce, or None when nothing is known (no dialect, failed SQL).
    Types stay as written (declared) or as inferred objects: they are printed only when they changed."""
    if analysed is None or analysed.dialect is None:
        return None
    dialect = analysed.dialect
    node = analysed.node
    if analysed.config.contract_enforced and node.columns:
        declared = {c.name.lower(): (c.name, c.data_type) for c in node.columns}
        return Outputs(declared, True, dialect, ("declared", tuple(sorted(declared.items()))))
    if analysed.columns is None:
        return None
    inferred = analysed.columns
    columns = {c.name.lower(): (c.name, c.type) for c in inferred.columns}
    signature = ("inferred", inferred.closed, tuple((k, type_key(t)) for k, (_, t) in columns.items()))
    return Outputs(columns, inferred.closed, dialect, signature)


def _text(dialect: str, data_type: TypeText) -> str | None:
    return data_type.sql(dialect).lower() if isinstance(data_type, exp.DataType) else data_type


def _retyped(dialect: str, old: TypeText, new: TypeText) -> bool:
    if old is None or new is None or _text(dialect, old) == _text(dialect, new):
        return False
    old_class, new_class = type_class(dialect, old), type_class(dialect, new)
    return old_class is not None and new_class is not None and old_class != new_class


def column_diff(old: Outputs | None, new: Outputs | None) -> ColumnDiff:
    """Columns removed and retyped from `old` to `new`, and those added.

    >>> a = Outputs({"id": ("id", "integer"), "name": ("name", "varchar")}, True, "duckdb", ("a",))
    >>> b = Outputs({"id": ("id", "varchar"), "full_name": ("full_name", "varchar")}, True, "duckdb", ("b",))
    >>> [(c.name, c.change, c.renamed_to) for c in column_diff(a, b).changed]
    [('id', 'retyped', None), ('name', 'removed', 'full_name')]
    >>> column_diff(a, Outputs({}, False, "duckdb", ("open",))).changed
    ()
    """
    if old is None or new is None or old.signature == new.signature:
        return ColumnDiff()
    dialect = new.dialect
    added = tuple(name for key, (name, _) in new.columns.items() if key not in old.columns)
    changed = []
    removed_keys = [key for key in old.columns if key not in new.columns] if new.closed else []
    for key in removed_keys:
        renamed_to = added[0] if len(removed_keys) == 1 and len(added) == 1 else None
        name, old_type = old.columns[key]
        changed.append(ColumnChange(name, key, "removed", _text(old.dialect, old_type), None, renamed_to))
    for key, (name, old_type) in old.columns.items():
        new_type = new.columns[key][1] if key in new.columns else None
        if _retyped(dialect, old_type, new_type):
            changed.append(ColumnChange(name, key, "retyped", _text(old.dialect, old_type), _text(dialect, new_type)))
    return ColumnDiff(tuple(sorted(changed, key=lambda c: c.key)), added)


def _relative(path: str, project: Project | None) -> str:
    return os.path.relpath(path, project.root) if project is not None else path


def _files(node: ModelNode, project: Project | None) -> set[str]:
    paths = {node.sql.path if node.sql else None, node.spec.path if node.spec else None}
    return {_relative(p, project) for p in paths if p}


def _linted(mesh: AnalysedMesh) -> dict[str, AnalysedNode]:
    """Nodes of the mesh's own projects (not known only from metadata, not installed packages)."""
    own = {p.name for p in mesh.mesh.projects if not p.external and p.package_of is None}
    return {uid: n for uid, n in mesh.by_id.items() if n.node.project in own and n.node.resource_type == "model"}


def _deprecation(node: ModelNode | None) -> str | None:
    found = deprecation_of(node) if node is not None else None
    return found[0].date().isoformat() if found else None


def compare_meshes(
    base: AnalysedMesh,
    head: AnalysedMesh,
    unknown_files: Iterable[tuple[str, str]] = (),
    downstream: tuple[DownstreamUse, ...] = (),
) -> MeshChange:
    """What changed from `base` to `head`. `unknown_files` are (project, path relative to the project)
    of files that could not be read on either side: the nodes they define are not compared."""
    unknown_paths = set(unknown_files)
    old_nodes, new_nodes = _linted(base), _linted(head)
    declared = {n.unique_id: n for p in head.mesh.projects if not p.external for n in p.nodes}
    unknown = set()
    for mesh, nodes in ((base, old_nodes), (head, new_nodes)):
        for uid, analysed in nodes.items():
            project = mesh.project(analysed.node.project)
            if any((analysed.node.project, f) in unknown_paths for f in _files(analysed.node, project)):
                unknown.add(uid)
    changes = []
    for uid in sorted(set(old_nodes) | set(new_nodes)):
        if uid in unknown:
            continue
        old, new = old_nodes.get(uid), new_nodes.get(uid)
        if old is None:
            changes.append(NodeChange(uid, None, new))
            continue
        if new is None:
            disabled = declared.get(uid)
            changes.append(NodeChange(uid, old, None, disabled))
            continue
        adapter = DIALECT_ADAPTERS.get(new.dialect or "", new.dialect or "default")
        broken = contract_break(ContractSide.of(old.node, old.config), ContractSide.of(new.node, new.config), adapter)
        columns = column_diff(outputs(old), outputs(new))
        dates = (_deprecation(old.node), _deprecation(new.node))
        deprecation = dates if dates[0] != dates[1] else None
        if broken or columns.changed or columns.added or deprecation:
            changes.append(NodeChange(uid, old, new, None, broken, columns, deprecation))
    return MeshChange(base, head, tuple(changes), downstream, frozenset(unknown))
