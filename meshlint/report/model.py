"""What every report format receives."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from meshlint.diagnostics import Diagnostic
from meshlint.rules.base import Rule


@dataclass(frozen=True)
class Summary:
    projects: int = 0
    models: int = 0
    models_closed: int = 0  # of the models analysed
    # In a run scoped to changed files: how many models were analysed for them (None: all were).
    models_analysed: int | None = None


@dataclass(frozen=True)
class ChangeRow:
    """What changed in one model or version since the base (`check --base`), for the summary formats."""

    node: str  # unique id
    status: str  # "added", "removed", "disabled" or "changed"
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()  # "name" or "name -> new_name" for a likely rename
    retyped: tuple[tuple[str, str | None, str | None], ...] = ()  # (column, old type, new type)
    deprecation: str | None = None  # the deprecation date the change set, when it set one
    contract_broken: bool = False


@dataclass(frozen=True)
class Report:
    diagnostics: tuple[Diagnostic, ...]  # already sorted, paths relative to the current directory
    rules: tuple[Rule, ...]  # the whole registry, in code order
    summary: Summary = Summary()
    version: str = "0.1.0"
    # Source text by relative path, for formats that show an excerpt (text); may be partial.
    sources: Mapping[str, str] = field(default_factory=dict)
    # Model unique_id -> relative path of its SQL file, for formats grouped by model (junit).
    node_paths: Mapping[str, str] = field(default_factory=dict)
    # Facts about the run a person should know (e.g. stand-in macros used); shown by `text`.
    notes: tuple[str, ...] = ()
    # With `--base`: what changed per model and version since the base, sorted by node.
    changes: tuple[ChangeRow, ...] = ()
