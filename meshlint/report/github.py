"""GitHub Actions workflow commands (`::error file=...::message`), one per diagnostic."""

from __future__ import annotations

from meshlint.diagnostics import Diagnostic, Severity
from meshlint.report.model import Report
from meshlint.report.sarif import uri_path

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message the way GitHub's toolkit does.

    >>> escape_data("100% done\\r\\nnext")
    '100%25 done%0D%0Anext'
    """
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a command property value: as data, plus `:` and `,`.

    >>> escape_property("a:b,c%")
    'a%3Ab%2Cc%25'
    """
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(d: Diagnostic) -> str:
    properties = [("file", uri_path(d.location.path))]
    if d.location.line > 0:
        properties.append(("line", str(d.location.line)))
        if d.location.column > 0:
            properties.append(("col", str(d.location.column)))
    properties.append(("title", f"{d.code} {d.rule}"))
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    message = d.message + ("\n" + d.help if d.help else "")
    return f"::{COMMANDS[d.severity]} {props}::{escape_data(message)}"


def render(report: Report) -> str:
    return "".join(command(d) + "\n" for d in report.diagnostics)
