"""One line per diagnostic, `path:line:col: CODE [severity] message`, and nothing else."""

from __future__ import annotations

from meshlint.diagnostics import Location
from meshlint.report.model import Report


def position(location: Location, path: str | None = None) -> str:
    """`path:line:col`, dropping the parts that are 0 (0 means the whole file or line).

    >>> position(Location("a.yml", 3, 0)), position(Location("a.sql"))
    ('a.yml:3', 'a.sql')
    """
    text = location.path if path is None else path
    if location.line > 0:
        text += f":{location.line}"
        if location.column > 0:
            text += f":{location.column}"
    return text


def render(report: Report) -> str:
    return "".join(
        f"{position(d.location)}: {d.code} [{d.severity.value}] {d.message}\n" for d in report.diagnostics
    )
