"""A pull-request summary in GitHub-flavoured Markdown, fit for `$GITHUB_STEP_SUMMARY` and a PR or MR
comment: the verdict, what changed per model since the base (with `--base`), who is affected (the
consumers ML502 names), and the findings. Long lists are cut so a comment stays under GitHub's limit."""

from __future__ import annotations

from meshlint.diagnostics import Diagnostic, Severity
from meshlint.report.concise import position
from meshlint.report.model import ChangeRow, Report

MAX_ROWS = 100  # per table; a PR comment holds at most 65,536 characters
ICONS = {Severity.ERROR: "🔴 error", Severity.WARNING: "🟡 warning", Severity.INFO: "🔵 info"}


def cell(text: str) -> str:
    """Text that stays inside one table cell.

    >>> cell("a | b\\nc")
    'a \\\\| b c'
    """
    return " ".join(text.replace("|", "\\|").split())


def node_label(unique_id: str) -> str:
    """`project.model` plus the version, as a reader names it.

    >>> node_label("model.analytics.fct_orders.v2"), node_label("model.finance.revenue")
    ('`analytics.fct_orders` v2', '`finance.revenue`')
    """
    parts = unique_id.split(".")
    if len(parts) < 3:
        return f"`{unique_id}`"
    label = f"`{parts[1]}.{parts[2]}`"
    return f"{label} {parts[3]}" if len(parts) > 3 else label


def _names(names: tuple[str, ...]) -> str:
    return ", ".join(f"`{n}`" for n in names)


def describe(row: ChangeRow) -> str:
    """What changed in a model or version, in a few words.

    >>> describe(ChangeRow("model.a.m", "changed", added=("note",), removed=("amount -> total",), retyped=(("id", "int", "bigint"),)))
    'columns removed: `amount -> total`; retyped: `id` `int` → `bigint`; added: `note`'
    """
    if row.status == "added":
        parts = ["new" + (" version" if row.node.count(".") > 2 else " model")]
    elif row.status in ("removed", "disabled"):
        parts = ["disabled" if row.status == "disabled" else "deleted or renamed"]
    else:
        parts = []
    if row.removed:
        parts.append(f"columns removed: {_names(row.removed)}")
    if row.retyped:
        parts.append("retyped: " + ", ".join(f"`{c}` `{old}` → `{new}`" for c, old, new in row.retyped))
    if row.added:
        parts.append(f"added: {_names(row.added)}")
    if row.deprecation:
        parts.append(f"deprecated from {row.deprecation}")
    if row.contract_broken and not (row.removed or row.retyped):
        parts.append("contract changed (see findings)")
    return "; ".join(parts) or "changed"


def _verdict(report: Report) -> str:
    counts = {s: sum(1 for d in report.diagnostics if d.severity is s) for s in Severity}
    if not report.diagnostics:
        return "## ✅ meshlint: no findings"
    worst = "❌" if counts[Severity.ERROR] else "⚠️"
    text = ", ".join(f"{counts[s]} {s.value}{'s' if counts[s] != 1 else ''}" for s in (Severity.ERROR, Severity.WARNING, Severity.INFO) if counts[s])
    return f"## {worst} meshlint: {text}"


def _cut(lines: list[str], total: int, what: str) -> list[str]:
    if total > MAX_ROWS:
        lines.append(f"\n…and {total - MAX_ROWS} more {what} (see the full report).")
    return lines


def _changes(rows: tuple[ChangeRow, ...]) -> list[str]:
    lines = ["", "### What changed", "", "| model | change |", "| --- | --- |"]
    lines += [f"| {node_label(r.node)} | {cell(describe(r))} |" for r in rows[:MAX_ROWS]]
    return _cut(lines, len(rows), "models")


def _affected(impacts: list[Diagnostic]) -> list[str]:
    by_target: dict[str, list[Diagnostic]] = {}
    for d in impacts:
        by_target.setdefault(d.target or "", []).append(d)
    lines = ["", "### Who is affected", ""]
    for target in sorted(by_target):
        consumers = by_target[target]
        reads = sorted({(d.node or "", d.column_name or "") for d in consumers})
        lines.append(f"- {node_label(target)}: " + ", ".join(f"{node_label(n)} reads `{c}`" for n, c in reads[:MAX_ROWS]))
    return lines


def _findings(diagnostics: tuple[Diagnostic, ...]) -> list[str]:
    lines = ["", "### Findings", "", "| severity | code | where | message |", "| --- | --- | --- | --- |"]
    for d in diagnostics[:MAX_ROWS]:
        lines.append(f"| {ICONS[d.severity]} | {d.code} | `{cell(position(d.location))}` | {cell(d.message)} |")
    return _cut(lines, len(diagnostics), "findings")


def render(report: Report) -> str:
    lines = [_verdict(report)]
    summary = report.summary
    if summary.models_analysed is None:
        lines += ["", f"{summary.projects} project(s), {summary.models} model(s), {summary.models_closed} with all columns known."]
    else:
        lines += [
            "",
            f"{summary.projects} project(s), {summary.models} model(s), {summary.models_analysed} analysed for the changed "
            f"files, {summary.models_closed} of them with all columns known.",
        ]
    if report.changes:
        lines += _changes(report.changes)
    impacts = [d for d in report.diagnostics if d.code == "ML502"]
    if impacts:
        lines += _affected(impacts)
    if report.diagnostics:
        lines += _findings(report.diagnostics)
    return "\n".join(lines) + "\n"
