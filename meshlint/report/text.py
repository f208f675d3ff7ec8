"""`--format text` (the default): `path:line:col: CODE message`, the source line with a caret,
the help line, and a summary."""

from __future__ import annotations

from meshlint.diagnostics import Diagnostic
from meshlint.report.model import Report


def _excerpt(diagnostic: Diagnostic, report: Report) -> list[str]:
    source = report.sources.get(diagnostic.location.path)
    line = diagnostic.location.line
    if source is None or line <= 0:
        return []
    lines = source.splitlines()
    if line > len(lines):
        return []
    text = lines[line - 1].rstrip()
    column = max(diagnostic.location.column, 1)
    gutter = str(line)
    return [
        f"  {gutter} | {text}",
        f"  {' ' * len(gutter)} | {' ' * (column - 1)}^",
    ]


def _position(diagnostic: Diagnostic) -> str:
    location = diagnostic.location
    if location.line <= 0:
        return location.path
    return f"{location.path}:{location.line}:{max(location.column, 1)}"


def render(report: Report) -> str:
    out: list[str] = []
    for diagnostic in report.diagnostics:
        out.append(f"{_position(diagnostic)}: {diagnostic.code} [{diagnostic.severity.value}] {diagnostic.message}")
        out.extend(_excerpt(diagnostic, report))
        if diagnostic.help:
            out.append(f"  = help: {diagnostic.help}")
        out.append("")
    counts = {"error": 0, "warning": 0, "info": 0}
    for diagnostic in report.diagnostics:
        counts[diagnostic.severity.value] += 1
    summary = report.summary
    out.extend(f"note: {note}" for note in report.notes)
    out.append(
        f"Found {counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info "
        f"in {summary.projects} project(s), {summary.models} model(s) "
        + (
            f"({summary.models_closed} with all columns known)."
            if summary.models_analysed is None
            else f"({summary.models_analysed} analysed for the changed files, {summary.models_closed} of them with all columns known)."
        )
    )
    return "\n".join(out) + "\n"
