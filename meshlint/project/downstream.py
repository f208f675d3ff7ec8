"""Consumers in other repositories, read from their `meshlint export` files: which columns of which
upstream node each of their models reads, and where. `check --base` gives them to ML502, so that a
producer learns, before it merges, which consumer a change breaks (`--downstream NAME=PATH|URL`,
or `[downstream.NAME] export = ...` in settings)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from meshlint.project.upstream import INTERFACE_FORMAT, UpstreamError, UpstreamSource, fetch


@dataclass(frozen=True)
class DownstreamUse:
    """A column of an upstream node that a model in another repository uses (from its export file)."""

    project: str  # the consuming project
    model: str  # the consuming node's unique id
    target: str  # the used node's unique id
    column: str  # as written in the consumer's SQL
    path: str  # where, as the report shows it: `<downstream NAME>/models/...`
    line: int
    # False for a ref without `v=` to a versioned model: it follows the model's latest version.
    pinned: bool = True


def read_downstream(source: UpstreamSource, base: Path) -> tuple[DownstreamUse, ...]:
    """The column uses a consumer's export file publishes; UpstreamError when it cannot be used."""
    display, content = fetch(source.location, base)
    try:
        document = json.loads(content)
    except (ValueError, UnicodeDecodeError) as error:
        raise UpstreamError(f"{display} is not JSON: {error}") from None
    if not isinstance(document, dict) or document.get("format") != INTERFACE_FORMAT:
        raise UpstreamError(f"{display} is not a `meshlint export` file")
    if document.get("project") != source.name:
        raise UpstreamError(f"{display} describes project `{document.get('project')}`, not `{source.name}`")
    uses = document.get("uses")
    if not isinstance(uses, list):
        raise UpstreamError(f"{display} lists no column uses (export it with meshlint 0.2 or later)")
    found = []
    for use in uses:
        if not isinstance(use, Mapping):
            continue
        model, target, column, path, line = (use.get(k) for k in ("model", "target", "column", "path", "line"))
        if not all(isinstance(v, str) for v in (model, target, column, path)) or not isinstance(line, int):
            continue
        shown = f"<downstream {source.name}>/{path}"
        found.append(DownstreamUse(source.name, model, target, column, shown, line, use.get("pinned") is not False))  # type: ignore[arg-type]
    return tuple(sorted(set(found), key=lambda u: (u.path, u.line, u.column, u.target)))
