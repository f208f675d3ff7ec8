"""One mistake, one finding: a finding that makes a node unreliable (a version without a file, a
template that does not render, a name dbt refuses) *covers* that node, and the findings on it or on
refs to it, which follow from the root, are not reported. The root says how many it covers.

A root is itself never covered by another root, so two independent mistakes on one node both stay.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from meshlint.diagnostics import Diagnostic


def drop_follow_ons(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Drop the findings on covered nodes (and on refs to them), counting them on their root.

    >>> from meshlint.diagnostics import Location, Severity
    >>> def d(code, node, target=None, covers=()):
    ...     return Diagnostic(code, code, Severity.ERROR, f"{code} on {node}", Location("m.yml", 1), node=node,
    ...                       target=target, covers=covers)
    >>> kept = drop_follow_ons([d("ML203", "v3", covers=("v3",)), d("ML108", "v3"), d("ML401", "c", "v3"), d("ML108", "v1")])
    >>> [k.message for k in kept]
    ['ML203 on v3 (2 follow-on findings not reported)', 'ML108 on v1']
    """
    found = list(diagnostics)
    root_of: dict[str, int] = {}
    for index, diagnostic in enumerate(found):
        for node in diagnostic.covers:
            root_of.setdefault(node, index)
    if not root_of:
        return found
    counts: dict[int, int] = {}
    kept_indices: list[int] = []
    for index, diagnostic in enumerate(found):
        if not diagnostic.covers:
            root = root_of.get(diagnostic.node or "")
            if root is None and diagnostic.target is not None:
                root = root_of.get(diagnostic.target)  # a ref judged by what the covered node is
            if root is not None:
                counts[root] = counts.get(root, 0) + 1
                continue
        kept_indices.append(index)
    return [_with_count(found[i], counts.get(i, 0)) for i in kept_indices]


def _with_count(diagnostic: Diagnostic, count: int) -> Diagnostic:
    if not count:
        return diagnostic
    noun = "finding" if count == 1 else "findings"
    return replace(diagnostic, message=f"{diagnostic.message} ({count} follow-on {noun} not reported)")


def drop_restated(
    diagnostics: Iterable[Diagnostic], change_found: Iterable[Diagnostic]
) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """Drop the snapshot findings that a finding about the change already states, counting them on it.

    A consumer reading a column the change removed gets ML502 (the change broke it) and would also get
    ML308 (it reads a column that is not there); refs to a model the change deleted get ML503 and would
    also get ML303/ML304. The finding about the change is the root: it names the cause.

    >>> from meshlint.diagnostics import Location, Severity
    >>> def d(code, node, target=None, column=None):
    ...     return Diagnostic(code, code, Severity.ERROR, f"{code} on {node}", Location("m.sql", 1), node=node,
    ...                       target=target, column_name=column)
    >>> kept, roots = drop_restated(
    ...     [d("ML308", "c", "u", "Amount"), d("ML304", "c", "gone.v2"), d("ML308", "c", "u", "other")],
    ...     [d("ML502", "c", "u", "amount"), d("ML503", "gone")])
    >>> [k.message for k in kept]
    ['ML308 on c']
    >>> [r.message for r in roots]
    ['ML502 on c (1 follow-on finding not reported)', 'ML503 on gone (1 follow-on finding not reported)']
    """
    roots = list(change_found)
    read_root: dict[tuple[str, str], int] = {}
    removed_root: dict[str, int] = {}
    for index, root in enumerate(roots):
        if root.code == "ML502" and root.node and root.column_name:
            read_root.setdefault((root.node, root.column_name.lower()), index)
        elif root.code == "ML503" and root.node:
            removed_root.setdefault(root.node, index)
    counts: dict[int, int] = {}
    kept: list[Diagnostic] = []
    for diagnostic in diagnostics:
        root = None
        if diagnostic.code == "ML308" and diagnostic.node and diagnostic.column_name:
            root = read_root.get((diagnostic.node, diagnostic.column_name.lower()))
            if root is not None and diagnostic.target not in (None, roots[root].target):
                root = None
        elif diagnostic.code in ("ML303", "ML304") and diagnostic.target:
            unversioned = re.sub(r"\.v[^.]+$", "", diagnostic.target)  # a ref to a version of a deleted model
            root = removed_root.get(diagnostic.target, removed_root.get(unversioned))
        if root is None:
            kept.append(diagnostic)
        else:
            counts[root] = counts.get(root, 0) + 1
    return kept, [_with_count(root, counts.get(index, 0)) for index, root in enumerate(roots)]
