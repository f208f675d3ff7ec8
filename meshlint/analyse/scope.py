"""A scoped run (pre-commit's changed files) analyses only what its findings need.

`limit_to_changes` (engine.py) keeps the findings a change can have caused: those in the changed
files, on the models those files define (every version) or that read a source a changed YAML
declares, on every model of a project whose other files changed, and on the models that ref any of
these. Those findings read more than their own models: a model's columns are inferred from its
parents' (transitively), a rule reads a parent's columns and config, another version of a parent, a
foreign key's target, and a finding that covers its node counts the follow-on findings of the models
that ref it. `needed_models` is the set that holds all of that, from the mesh as loaded and each
model's refs and sources; everything else is left alone, so that the scoped findings are exactly the
full run's findings restricted to the scope (a test checks it).

A model's refs come from a cheap scan of its template when the template holds nothing but literal
`ref()`, `source()` and `config()` calls (what rendering would record, without rendering); any other
template is rendered as usual. A model whose template reads `execute` may ref other models when it is
compiled: it is kept in the set as a possible consumer, and the pipeline adds what its compiled refs
turn out to read.
"""

from __future__ import annotations

import ast
import functools
import os
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from meshlint.project.facts import Mesh, ModelNode, Project
from meshlint.render.state import RefCall, RenderResult, SourceCall

_EXPRESSION = re.compile(r"\{\{-?(.*?)-?\}\}", re.S)
# the usual calls, read without Python's parser: `ref('name')`, `ref('package', 'name')`, `source('a', 'b')`
_PLAIN = r"""'([^'\\{}%#]*)'|"([^"\\{}%#]*)" """.strip()
_PLAIN_CALL = re.compile(rf"\s*(ref|source)\(\s*(?:{_PLAIN})\s*(?:,\s*(?:{_PLAIN})\s*)?\)\s*")
_SIMPLE_STRING = re.compile(r"""\s*(?:'[^'\\{}%#]*'|"[^"\\{}%#]*")\s*""")


def static_render(text: str) -> RenderResult | None:
    """The refs and sources a template records, when all its Jinja is literal `ref()`, `source()` and
    `config()` calls (None otherwise: it must be rendered). The SQL itself is not produced.

    >>> r = static_render("{{ config(materialized='table') }} select * from {{ ref('a') }} join {{ ref('p', 'b', v=2) }}")
    >>> [(c.package, c.name, c.version, c.version_given) for c in r.refs]
    [(None, 'a', None, False), ('p', 'b', 2, True)]
    >>> static_render("{% if execute %}{{ ref('a') }}{% endif %}") is None, static_render("{{ var('x') }}") is None
    (True, True)
    >>> static_render("{{ config(enabled=false) }}") is None
    True
    """
    if "{%" in text or "{#" in text:
        return None
    expressions = _EXPRESSION.findall(text)
    if len(expressions) != text.count("{{"):
        return None
    refs: list[RefCall] = []
    sources: list[SourceCall] = []
    for expression in expressions:
        call = _literal_call(expression)
        if call is None:
            return None
        name, args, kwargs = call
        if name == "ref":
            if len(args) not in (1, 2) or not all(isinstance(a, str) for a in args) or set(kwargs) - {"v", "version"}:
                return None
            given = "version" in kwargs or "v" in kwargs
            version = kwargs.get("version", kwargs.get("v"))
            refs.append(RefCall(str(args[-1]), str(args[0]) if len(args) == 2 else None, version, 0, "", given))
        elif name == "source":
            if len(args) != 2 or kwargs or not all(isinstance(a, str) for a in args):
                return None
            sources.append(SourceCall(str(args[0]), str(args[1]), 0, ""))
        elif name == "config":
            if args or "enabled" in kwargs:
                return None  # `enabled` decides whether the model exists: rendered to be exact
        else:
            return None
    return RenderResult("", tuple(refs), tuple(sources))


@functools.lru_cache(maxsize=4096)
def _literal_call(expression: str) -> tuple[str, tuple[object, ...], dict[str, object]] | None:
    plain = _PLAIN_CALL.fullmatch(expression)
    if plain is not None:
        name, a1, a2, b1, b2 = plain.groups()
        first = a1 if a1 is not None else a2
        second = b1 if b1 is not None else b2
        return name, (first,) if second is None else (first, second), {}
    try:
        tree = ast.parse(expression.strip(), mode="eval").body
    except (SyntaxError, ValueError):
        return None
    if not isinstance(tree, ast.Call) or not isinstance(tree.func, ast.Name) or tree.func.id not in ("ref", "source", "config"):
        return None
    try:
        args = [ast.literal_eval(a) for a in tree.args]
        kwargs = {k.arg: ast.literal_eval(k.value) for k in tree.keywords if k.arg is not None}
    except (ValueError, SyntaxError, TypeError):
        return None
    if len(kwargs) != len(tree.keywords) or any(isinstance(a, ast.Starred) for a in tree.args):
        return None
    for node in ast.walk(tree):  # only plain strings: Jinja and Python read escapes differently
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if not _SIMPLE_STRING.fullmatch(ast.get_source_segment(expression.strip(), node) or "''"):
                return None
    return tree.func.id, tuple(args), kwargs


@dataclass(frozen=True)
class Parsed:
    """What the parse pass knows of a model: its project, node, render (maybe from the scan) and
    resolved refs' targets."""

    project: Project
    node: ModelNode
    result: RenderResult | None
    targets: tuple[str, ...]  # unique ids of the resolved refs
    may_change: bool  # its template reads `execute`: compiled refs and sources may differ


def project_change(project: Project, changed_paths: Collection[str]) -> tuple[set[str], set[tuple[str, str]], bool] | None:
    """What the changed files (resolved paths) change in the project: the files inside it, the sources
    (source, table) their YAML declares, and whether any other file (dbt_project.yml, a macro, a seed)
    changed, which touches the whole project; None when no changed file is inside it."""
    inside = {p for p in changed_paths if p.startswith(project.root + os.sep)}
    if not inside:
        return None
    changed_sources = {(s.source, s.name) for s in project.sources if s.location.path in inside}
    model_files = {n.sql.path for n in project.nodes if n.sql} | {s.path for s in project.specs}
    model_files |= {s.location.path for s in project.sources}
    return inside, changed_sources, bool(inside - model_files)


def needed_models(
    mesh: Mesh,
    parsed: Mapping[str, Parsed],
    changed: Iterable[str],
    foreign_keys: Mapping[str, tuple[tuple[str, str | None], ...]],
) -> set[str]:
    """The models a run scoped to the `changed` files (resolved paths) must analyse.

    `foreign_keys` gives, per model, the name each of its foreign keys' `to: ref(...)` names and the
    unique id it resolves to (None when it does not)."""
    changed_paths = set(changed)
    by_name: dict[tuple[str, str], list[str]] = {}
    for uid, item in parsed.items():
        by_name.setdefault((item.node.project, item.node.name), []).append(uid)
    touched: set[str] = set()
    for project in mesh.projects:
        change = project_change(project, changed_paths)
        if change is None:
            continue
        inside, changed_sources, whole = change
        for node in project.nodes:
            item = parsed.get(node.unique_id)
            if item is None:
                continue
            files = {node.sql.path if node.sql else "", node.spec.path if node.spec else ""}
            reads = {(c.source, c.table) for c in item.result.sources} if item.result is not None else set()
            if whole or files & inside or reads & changed_sources or (changed_sources and item.may_change):
                touched.update(by_name[(node.project, node.name)])
    # models whose findings are kept: the touched ones and their consumers (by name: an unresolved ref
    # may still name one), and every model whose compiled refs may differ from its parsed ones
    names = {parsed[uid].node.name for uid in touched}
    scope = touched | {uid for uid, item in parsed.items() if item.may_change or _refs_a_name(item, names)}
    # a finding that covers its node counts the findings of the models that ref it (or have a foreign key to it)
    covering = {parsed[uid].node.name for uid in scope if _may_cover(parsed[uid], mesh)}
    if covering:
        scope |= {uid for uid, item in parsed.items() if _refs_a_name(item, covering)}
        scope |= {uid for uid, keys in foreign_keys.items() if uid in parsed and {name for name, _ in keys} & covering}
    return close(scope, parsed, by_name, foreign_keys)


def close(
    wanted: Collection[str],
    parsed: Mapping[str, Parsed],
    by_name: Mapping[tuple[str, str], list[str]] | None = None,
    foreign_keys: Mapping[str, tuple[tuple[str, str | None], ...]] = {},
) -> set[str]:
    """`wanted` with what their analysis and rules read: their parents (transitively), every version of
    each, and their foreign keys' targets."""
    if by_name is None:
        by_name = {}
        for uid, item in parsed.items():
            by_name.setdefault((item.node.project, item.node.name), []).append(uid)  # type: ignore[union-attr]
    done: set[str] = set()
    stack = [uid for uid in wanted if uid in parsed]
    while stack:
        uid = stack.pop()
        if uid in done:
            continue
        done.add(uid)
        item = parsed[uid]
        stack.extend(t for t in item.targets if t in parsed and t not in done)
        stack.extend(s for s in by_name.get((item.node.project, item.node.name), ()) if s not in done)
        stack.extend(t for _, t in foreign_keys.get(uid, ()) if t is not None and t in parsed and t not in done)
    return done


def _refs_a_name(item: Parsed, names: Collection[str]) -> bool:
    return item.result is not None and any(call.name in names for call in item.result.refs)


def _may_cover(item: Parsed, mesh: Mesh) -> bool:
    """The node may get a finding that covers it (ML203: a version without a file; ML209: an unversioned
    model named like a versioned one)."""
    node = item.node
    if node.sql is None:
        return True
    if node.version_spec is None and node.spec is None:
        return any(s.name == node.name and s.versions for s in item.project.specs)
    return False
