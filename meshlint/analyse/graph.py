"""Resolve `ref()` calls to nodes across the projects of a mesh, as dbt does, and order the models
so every model comes after the models it reads."""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from meshlint.analyse.facts import ResolvedRef
from meshlint.project.facts import Mesh, ModelNode, Project
from meshlint.project.versions import latest_version_of, same_version, version_key
from meshlint.render.state import RefCall


@dataclass(frozen=True)
class NodeIndex:
    """Nodes by project and name, for ref lookups."""

    by_name: Mapping[tuple[str, str], tuple[ModelNode, ...]]
    projects: Mapping[str, Project]

    @classmethod
    def of(cls, mesh: Mesh) -> "NodeIndex":
        by_name: dict[tuple[str, str], list[ModelNode]] = {}
        for project in mesh.projects:
            for node in project.nodes:
                by_name.setdefault((project.name, node.name), []).append(node)
        return cls({k: tuple(v) for k, v in by_name.items()}, {p.name: p for p in mesh.projects})


def _search_order(caller: Project, index: NodeIndex) -> list[str]:
    """One-argument refs: the caller's own project, then its packages (a package's models also
    see the project that installs it)."""
    order = [caller.name]
    if caller.package_of:
        order.append(caller.package_of)
    order += [p.name for p in index.projects.values() if p.package_of == caller.name]
    return order


def resolve_ref(call: RefCall, caller: Project, index: NodeIndex) -> ResolvedRef:
    """The node a ref names, or why there is none."""
    project_name = call.package or caller.name
    if call.package is None:
        project_name = next(
            (name for name in _search_order(caller, index) if (name, call.name) in index.by_name), caller.name
        )
    if project_name != caller.name and project_name not in index.projects:
        declared = {p.value for p in caller.dependencies.projects}
        problem = "unavailable-project" if project_name in declared else "unknown-model"
        if caller.missing_packages and problem == "unknown-model":
            problem = "unchecked"  # may be a package `dbt deps` has not installed yet
        return ResolvedRef(call, project_name, None, problem)
    candidates = index.by_name.get((project_name, call.name), ())
    if not candidates and caller.missing_packages:
        return ResolvedRef(call, project_name, None, "unchecked")
    enabled = [n for n in candidates if n.config.enabled]
    if not candidates:
        return ResolvedRef(call, project_name, None, "unknown-model")
    if not enabled:
        return ResolvedRef(call, project_name, None, "disabled")
    pinned = call.version not in (None, 0, "")
    if pinned:
        for node in enabled:
            if node.version is not None and version_key(node.version) == str(call.version):
                return _checked_project(ResolvedRef(call, project_name, node), caller, index)
        return ResolvedRef(call, project_name, None, "unknown-version")
    unversioned = [n for n in enabled if n.version is None]
    if unversioned:
        return _checked_project(ResolvedRef(call, project_name, unversioned[0]), caller, index)
    spec = enabled[0].spec
    latest = latest_version_of(spec) if spec is not None else None
    for node in enabled:
        if same_version(latest, node.version):
            if node.sql is not None or index.projects[project_name].external:
                return _checked_project(ResolvedRef(call, project_name, node), caller, index)
    return ResolvedRef(call, project_name, None, "unknown-version")


def _checked_project(ref: ResolvedRef, caller: Project, index: NodeIndex) -> ResolvedRef:
    """A cross-project ref resolves only when the project is declared in dependencies.yml;
    packages need no declaration."""
    target = index.projects.get(ref.project)
    related = {caller.name, caller.package_of} | {p.name for p in index.projects.values() if p.package_of == caller.name}
    if ref.project not in related and (target is None or target.package_of is None) and ref.project not in {
        p.value for p in caller.dependencies.projects
    }:
        return ResolvedRef(ref.call, ref.project, ref.target, "undeclared-project")
    return ref


def topological_order(edges: Mapping[str, Iterable[str]]) -> tuple[list[str], list[list[str]]]:
    """Nodes ordered parents-first (ties by id), and the cycles that stop some from being ordered.

    >>> topological_order({"a": ["b"], "b": [], "c": ["c"]})
    (['b', 'a'], [['c']])
    """
    parents = {node: sorted(set(p for p in ps if p in edges)) for node, ps in edges.items()}
    children: dict[str, list[str]] = {node: [] for node in parents}
    for node, ps in parents.items():
        for parent in ps:
            children[parent].append(node)
    waiting = {node: len(ps) for node, ps in parents.items()}
    ready = sorted(node for node, count in waiting.items() if count == 0)  # a heap: the smallest id first
    order: list[str] = []
    while ready:
        node = heapq.heappop(ready)
        order.append(node)
        for child in children[node]:
            waiting[child] -= 1
            if waiting[child] == 0:
                heapq.heappush(ready, child)
    left = {node for node, count in waiting.items() if count > 0}
    return order, _cycles(left, parents)


def _cycles(left: set[str], parents: Mapping[str, list[str]]) -> list[list[str]]:
    """The strongly connected groups among nodes that could not be ordered (Tarjan's algorithm);
    nodes merely downstream of a cycle are not reported."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    counter = 0

    def visit(start: str) -> None:
        nonlocal counter
        work = [(start, iter(p for p in parents[start] if p in left))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, successors = work[-1]
            advanced = False
            for succ in successors:
                if succ not in index:
                    index[succ] = low[succ] = counter
                    counter += 1
                    stack.append(succ)
                    on_stack.add(succ)
                    work.append((succ, iter(p for p in parents[succ] if p in left)))
                    advanced = True
                    break
                if succ in on_stack:
                    low[node] = min(low[node], index[succ])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1 or node in parents[node]:
                    groups.append(sorted(group))

    for node in sorted(left):
        if node not in index:
            visit(node)
    return sorted(groups)
