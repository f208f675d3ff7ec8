"""Reuse of a whole run's findings: a warm run with a few models edited re-checks only what the edit
can change, and takes every other model's findings from the previous run.

After a run, a *snapshot* is stored in the analysis cache under a key of everything the run read
besides the models' SQL: every other file (property YAML, dbt_project.yml, dependencies, macros,
seeds), each project's dialect, the catalog, the settings, the selected rules, `--today`, vars and
allowed environment values, the checked paths and the working folder, and meshlint's own code (see
`cache.digest`). Per model it holds a hash of its SQL, its parse-pass render without the SQL (refs,
sources, config), the models it refs and its foreign keys name, a hash of the *facts* other models'
findings read of it (final config, inferred columns, parse failure, resolved refs), and its own
findings: the analysis' problems and each rule's findings, before cascades, suppressions and
`finalize`, which run on the whole list as in any run.

A warm run with the same key compares each model's SQL with the snapshot. The models whose SQL
changed, and the *volatile* ones (a template that reads `execute` or `graph`, or a render that ran out
of time), are *dirty*; their *readers* are re-checked: every version of a dirty model, the models that
ref any version of it or name it in a foreign key, and the ephemeral models it refs (whether dbt runs
an ephemeral model's SQL depends on who refs it). Those are analysed with what their rules read (their
parents, every version of each, foreign-key targets: `scope.close`), the rest from the snapshot's
renders, never unpickled nor re-inferred. A re-analysed model whose facts differ from the snapshot's
is dirty too, and the check goes round again until nothing new is dirty. Anything the snapshot cannot
vouch for (another set of models, a model enabled or disabled by the edit, upstream projects read
from metadata, `--base`) makes a full run, which stores a new snapshot.

The invariants this rests on (tests compare warm runs with cold ones byte for byte): a node rule's
findings on a model read only that model, the models it refs or names in a foreign key, their other
versions, and the declarations; a mesh rule's findings about a model (its `node`) read only that
model's versions and the declarations.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace

from sqlglot import exp

from meshlint.analyse.cache import AnalysisCache, digest
from meshlint.analyse.columns import type_key
from meshlint.analyse.facts import AnalysedMesh, AnalysedNode
from meshlint.diagnostics import Diagnostic
from meshlint.project.facts import Mesh, ModelNode
from meshlint.render.state import RenderResult
from meshlint.rules.base import Rule
from meshlint.rules.foreign_keys import foreign_key_refs

FORMAT = 1


@dataclass(frozen=True)
class ModelRecord:
    sql: str  # hash of the model's SQL file, path and text ("" without a file)
    parse: RenderResult | None  # the parse-pass render without its SQL; None when volatile or not rendered
    targets: tuple[str, ...]  # unique ids of the models it refs (as compiled)
    foreign_keys: tuple[str, ...]  # unique ids its foreign keys' `to: ref(...)` resolve to
    ephemeral: bool
    volatile: bool
    facts: str  # hash of what other models' findings read of it
    closed: bool  # all its columns are known (the summary counts them)
    stand_ins: tuple[str, ...]  # macros it rendered with meshlint's stand-ins (the notes list them)
    problems: tuple[Diagnostic, ...]  # the analysis' findings on it
    found: Mapping[str, tuple[Diagnostic, ...]]  # per node rule (code) with findings, its findings on the model


@dataclass(frozen=True)
class Snapshot:
    format: int
    candidates: Mapping[str, str]  # every model and snapshot of the linted projects (enabled or not): its SQL hash
    records: Mapping[str, ModelRecord]  # the enabled ones
    mesh_found: Mapping[str, tuple[Diagnostic, ...]]  # per mesh rule (code), its findings
    # The records as read, pickled in chunks (see `__reduce__`): a chunk whose records a warm run kept is
    # stored again as it was read, not pickled anew
    pickled: Mapping[tuple[str, ...], tuple[bytes, tuple[ModelRecord, ...]]] = field(
        default_factory=dict, compare=False, repr=False
    )

    CHUNK = 64  # records per chunk: an edit re-checks models next to each other in id order, a chunk or a few

    def __reduce__(self) -> tuple[object, ...]:
        """Pickled with its records in chunks of consecutive ids, each a pickle of its own: after a small edit,
        a warm run stores a snapshot whose records are almost all those it read, and pickling them all anew
        was a twentieth of its time."""
        uids = sorted(self.records)
        chunks = []
        for start in range(0, len(uids), self.CHUNK):
            ids = tuple(uids[start : start + self.CHUNK])
            records = tuple(self.records[uid] for uid in ids)
            known = self.pickled.get(ids)
            if known is not None and all(a is b for a, b in zip(known[1], records)):
                chunks.append((ids, known[0]))
            else:
                chunks.append((ids, pickle.dumps(records, protocol=pickle.HIGHEST_PROTOCOL)))
        return _unpickle_snapshot, (self.format, dict(self.candidates), chunks, dict(self.mesh_found))


def _unpickle_snapshot(
    format: int, candidates: dict[str, str], chunks: list[tuple[tuple[str, ...], bytes]], mesh_found: dict[str, tuple[Diagnostic, ...]]
) -> Snapshot:
    records: dict[str, ModelRecord] = {}
    pickled: dict[tuple[str, ...], tuple[bytes, tuple[ModelRecord, ...]]] = {}
    for ids, blob in chunks:
        chunk = pickle.loads(blob)  # noqa: S301 (from the cache, checked like any entry)
        records.update(zip(ids, chunk))
        pickled[ids] = (blob, chunk)
    return Snapshot(format, candidates, records, mesh_found, pickled)


def sql_hash(node: ModelNode) -> str:
    """A hash of the model's file: its path (findings are located in it, and folder configs follow it) and text."""
    if node.sql is None:
        return ""
    return hashlib.sha1(f"{node.sql.path}\0{node.sql.text}".encode()).hexdigest()


def snapshot_key(
    mesh: Mesh,
    read: Iterable[tuple[str, str]],
    rules: tuple[Rule, ...],
    run: Mapping[str, object],
) -> str | None:
    """The key of a run's snapshot: everything the run reads besides the models' SQL files (`read` is
    every file the load read, as (path, text)), and `run`, the run's settings and arguments. None when
    the run reads what this cannot vouch for (a project known only from upstream metadata)."""
    if any(p.external for p in mesh.projects):
        return None
    # the files whose text each model's record is compared with (a seed's CSV is in the key: it is read whole)
    model_files = {
        n.sql.path for p in mesh.projects for n in p.nodes if n.sql is not None and n.resource_type in ("model", "snapshot")
    }
    files = hashlib.sha256()
    for path, text in read:
        if path in model_files:
            continue
        files.update(path.encode())
        files.update(b"\0")
        files.update(text.encode())
        files.update(b"\0")
    projects = [
        (p.name, p.root, p.path, p.dialect or "", p.package_of or "", p.restrict_access) for p in mesh.projects
    ]
    catalog = hashlib.sha256(json.dumps(sorted(mesh.catalog.items()), default=str).encode()).hexdigest()
    return digest(
        "findings-snapshot", FORMAT, files.hexdigest(), projects, catalog, [r.code for r in rules], dict(run), os.getcwd()
    )


def facts(analysed: AnalysedNode) -> str:
    """A hash of what the findings of other models read of this one, from its repr (dataclasses, strings,
    numbers and dicts in insertion order, all from the same files in every run). Types are named by their SQL: the
    same type may be built with or without sqlglot's optional arguments (`nested=False`), depending on
    whether it was inferred in this process, in a worker or read from the cache.

    >>> from meshlint.analyse.columns import ColumnSet, InferredColumn
    >>> from meshlint.project.facts import ModelNode, NodeConfig
    >>> from sqlglot import exp
    >>> def analysed(data_type):
    ...     node = ModelNode("model.p.m", "p", "m", None, NodeConfig())
    ...     return AnalysedNode(node, NodeConfig(), "duckdb", columns=ColumnSet((InferredColumn("a", data_type),), True))
    >>> plain, flagged = exp.DataType.build("bigint"), exp.DataType.build("bigint")
    >>> flagged.set("nested", False)
    >>> facts(analysed(plain)) == facts(analysed(flagged)) != facts(analysed(exp.DataType.build("int")))
    True
    """
    refs = tuple((r.call, r.target.unique_id if r.target is not None else None, r.problem) for r in analysed.refs)
    failure = analysed.render.failure if analysed.render is not None else None
    columns = analysed.columns
    shape = None
    if columns is not None:
        shape = (tuple((c.name, _type_sql(c.type), c.line, c.reason) for c in columns.columns), columns.closed, columns.reasons)
    # repr, not pickle: a pickle's bytes also tell which equal strings are one object
    text = repr((analysed.config, shape, analysed.sql_failure, refs, failure))
    return hashlib.sha1(text.encode()).hexdigest()


_TYPE_SQL: dict[str, str] = {}


def _type_sql(data_type: exp.DataType | None) -> str | None:
    """A type's SQL, computed once per distinct type in a process."""
    if data_type is None:
        return None
    key = type_key(data_type)
    found = _TYPE_SQL.get(key)  # type: ignore[arg-type]
    if found is None:
        found = _TYPE_SQL[key] = data_type.sql(copy=False)  # type: ignore[index]  # generating reads the type, never changes it
    return found


def candidates(mesh: Mesh) -> dict[str, str]:
    return {
        n.unique_id: sql_hash(n)
        for p in mesh.projects if not p.external for n in p.nodes if n.resource_type in ("model", "snapshot")
    }


def _volatile(analysed: AnalysedNode) -> bool:
    render = analysed.render
    if render is None:
        return analysed.node.sql is not None  # a Python model: its config is read from its file each run
    return render.used_execute or render.used_graph or (render.failure is not None and render.failure.budget)


def records(
    analysed: AnalysedMesh, node_found: Mapping[str, Mapping[str, list[Diagnostic]]], only: Collection[str] | None = None
) -> dict[str, ModelRecord]:
    """A record of each analysed model (of the `only` ones when given), with its findings by rule from `node_found`."""
    problems: dict[str, list[Diagnostic]] = {}
    for problem in analysed.problems:
        if problem.node is not None:
            problems.setdefault(problem.node, []).append(problem)
    out: dict[str, ModelRecord] = {}
    for node in analysed.nodes:
        uid = node.unique_id
        if only is not None and uid not in only:
            continue
        volatile = _volatile(node)
        render = node.render
        out[uid] = ModelRecord(
            sql=sql_hash(node.node),
            parse=replace(render, sql="", line_map=()) if render is not None and not volatile else None,
            targets=tuple(r.target.unique_id for r in node.refs if r.target is not None),
            foreign_keys=tuple(k.ref.target.unique_id for k in foreign_key_refs(node, analysed) if k.ref.target is not None),
            ephemeral=node.config.materialized == "ephemeral",
            volatile=volatile,
            facts=facts(node),
            closed=node.columns is not None and node.columns.closed,
            stand_ins=render.stand_ins if render is not None else (),
            problems=tuple(problems.get(uid, ())),
            found={code: tuple(found) for code, found in node_found.get(uid, {}).items() if found},
        )
    return out


def read(cache: AnalysisCache, key: str) -> Snapshot | None:
    snapshot = cache.get(key)
    return snapshot if isinstance(snapshot, Snapshot) and snapshot.format == FORMAT else None


def family(uid: str) -> str:
    """A model's unique id without its version: what all its versions share.

    >>> family("model.p.orders.v2"), family("model.p.orders"), family("model.p.v2")
    ('model.p.orders', 'model.p.orders', 'model.p.v2')
    """
    parts = uid.split(".")
    if len(parts) > 3 and parts[-1].startswith("v"):
        return ".".join(parts[:-1])
    return uid


class Readers:
    """Who reads whom, by the snapshot: the models a dirty model's change may change the findings of."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.records = snapshot.records
        self.families: dict[str, list[str]] = {}
        self.readers: dict[str, set[str]] = {}
        for uid in snapshot.records:
            self.families.setdefault(family(uid), []).append(uid)
        for uid, record in snapshot.records.items():
            for target in (*record.targets, *record.foreign_keys):
                self.readers.setdefault(family(target), set()).add(uid)

    def of(self, uid: str, targets: Iterable[str] = ()) -> set[str]:
        """The models whose findings read `uid` (itself included), given also the models it refs now."""
        name = family(uid)
        found = {uid, *self.families.get(name, ()), *self.readers.get(name, ())}
        record = self.records.get(uid)
        stack = [*(record.targets if record is not None else ()), *targets]
        while stack:  # the ephemeral models it refs, and theirs: whether dbt runs their SQL may change
            target = stack.pop()
            below = self.records.get(target)
            if target in found or below is None or not below.ephemeral:
                continue
            found.add(target)
            stack.extend(below.targets)
        return found


Findings = Iterator[tuple[Rule, "str | None", list[Diagnostic]]]


def _by_node(found: Iterable[tuple[Rule, str | None, list[Diagnostic]]]) -> tuple[dict[str, dict[str, list[Diagnostic]]], dict[str, list[Diagnostic]]]:
    node_found: dict[str, dict[str, list[Diagnostic]]] = {}
    mesh_found: dict[str, list[Diagnostic]] = {}
    for rule, uid, diagnostics in found:
        if uid is None:
            mesh_found.setdefault(rule.code, []).extend(diagnostics)
        else:
            node_found.setdefault(uid, {}).setdefault(rule.code, []).extend(diagnostics)
    return node_found, mesh_found


def snapshot_of(analysed: AnalysedMesh, found: Iterable[tuple[Rule, str | None, list[Diagnostic]]]) -> Snapshot:
    """The snapshot of a full run: its analysis and each rule's findings (`engine.rule_findings`)."""
    node_found, mesh_found = _by_node(found)
    return Snapshot(
        FORMAT,
        candidates(analysed.mesh),
        records(analysed, node_found),
        {code: tuple(found) for code, found in mesh_found.items()},
    )


@dataclass(frozen=True)
class WarmRun:
    analysed: AnalysedMesh  # the models re-checked, and what their analysis and rules read
    found: list[Diagnostic]  # the analysis' and the rules' findings, as a full run lists them (load's aside)
    models: int
    closed: int
    stand_ins: tuple[tuple[str, ...], ...]
    sql_paths: tuple[tuple[str, str], ...]  # (unique id, SQL path) of every model with a file
    snapshot: Snapshot | None  # the snapshot to store for the next run (None: unchanged)
    rounds: int = 0  # analyses run: one, plus one per wave of re-checked models whose facts changed


def warm_run(
    snapshot: Snapshot,
    mesh: Mesh,
    analyse: Callable[..., AnalysedMesh],
    rules: tuple[Rule, ...],
    rule_findings: Callable[[AnalysedMesh, Iterable[Rule], Collection[str] | None], Findings],
) -> WarmRun | None:
    """The run's findings from the snapshot and a re-check of what changed, or None when the snapshot
    cannot vouch for this run (a full run is needed). `analyse(mesh, progress, scope, models, known)`
    analyses the `models` and what they read."""
    now = candidates(mesh)
    if set(now) != set(snapshot.candidates):
        return None  # a model added, removed or renamed
    previous = snapshot.records
    if any(uid not in previous and now[uid] != hashed for uid, hashed in snapshot.candidates.items()):
        return None  # the SQL of a disabled model changed: it may be enabled now
    dirty = {uid for uid, record in previous.items() if record.volatile or record.sql != now[uid]}
    if not dirty:
        recheck: set[str] = set()
    else:
        readers = Readers(snapshot)
        recheck = set().union(*(readers.of(uid) for uid in dirty))
    known = {uid: r.parse for uid, r in previous.items() if r.parse is not None and uid not in dirty}
    analysed = None
    rounds = 0
    while recheck:
        rounds += 1
        analysed = analyse(mesh, None, None, sorted(recheck), known)
        by_id = analysed.by_id
        if any(uid not in by_id for uid in dirty):
            return None  # disabled by the edit
        changed = set()
        for uid, node in by_id.items():
            record = previous.get(uid)
            if record is None:
                return None  # enabled by the edit
            if uid not in dirty and facts(node) != record.facts:
                changed.add(uid)
        dirty |= changed
        more = set().union(*(
            readers.of(uid, [r.target.unique_id for r in by_id[uid].refs if r.target is not None] if uid in by_id else ())
            for uid in dirty
        ))
        if more <= recheck:
            break
        recheck |= more
    if analysed is None:
        analysed = analyse(mesh, None, None, [], known)
    node_found, mesh_found = _by_node(rule_findings(analysed, rules, recheck))
    fresh = records(analysed, node_found, recheck)
    merged = {uid: fresh.get(uid, record) for uid, record in previous.items()}
    # a mesh rule's findings about re-checked models are the fresh ones; about the others, the snapshot's
    families = {family(uid) for uid in recheck}
    merged_mesh: dict[str, tuple[Diagnostic, ...]] = {}
    for rule in rules:
        if rule.check_mesh is None:
            continue
        merged_mesh[rule.code] = (
            *(d for d in mesh_found.get(rule.code, ()) if d.node is None or family(d.node) in families),
            *(d for d in snapshot.mesh_found.get(rule.code, ()) if d.node is not None and family(d.node) not in families),
        )
    order = sorted(merged)
    found: list[Diagnostic] = [p for p in analysed.problems if p.node is None]
    node_rule_found: dict[str, list[Diagnostic]] = {}  # per node rule, its findings on every model in order
    for uid in order:
        record = merged[uid]
        found.extend(record.problems)
        for code, diagnostics in record.found.items():
            node_rule_found.setdefault(code, []).extend(diagnostics)
    for rule in rules:
        if rule.check_mesh is not None:
            found.extend(merged_mesh[rule.code])
        if rule.check_node is not None:
            found.extend(node_rule_found.get(rule.code, ()))
    nodes = {n.unique_id: n for p in mesh.projects for n in p.nodes}
    return WarmRun(
        analysed=analysed,
        found=found,
        models=len(merged),
        closed=sum(1 for r in merged.values() if r.closed),
        stand_ins=tuple(merged[uid].stand_ins for uid in order),
        sql_paths=tuple((uid, nodes[uid].sql.path) for uid in order if nodes[uid].sql is not None),  # type: ignore[union-attr]
        snapshot=Snapshot(FORMAT, now, merged, merged_mesh, snapshot.pickled) if recheck else None,
        rounds=rounds,
    )
