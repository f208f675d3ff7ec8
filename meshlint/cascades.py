"""One mistake, one finding: a finding that makes a node unreliable (a version without a file, a
template that does not render, a name dbt refuses) *covers* that node, and the findings on it or on
refs to it, which follow from the root, are not reported. The root says how many it covers.

A root is itself never covered by another root, so two independent mistakes on one node both stay.
"""

from __future__ import annotations

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
