"""`--format json`: the stable, versioned schema of ARCHITECTURE §6."""

from __future__ import annotations

import json

from meshlint.diagnostics import Diagnostic
from meshlint.report.model import Report

SCHEMA_VERSION = 1


def diagnostic_dict(diagnostic: Diagnostic) -> dict[str, object]:
    return {
        "code": diagnostic.code,
        "rule": diagnostic.rule,
        "severity": diagnostic.severity.value,
        "message": diagnostic.message,
        "location": {
            "path": diagnostic.location.path,
            "line": diagnostic.location.line,
            "column": diagnostic.location.column,
        },
        "node": diagnostic.node,
        "column_name": diagnostic.column_name,
        "target": diagnostic.target,
    }


def render(report: Report) -> str:
    counts = {"error": 0, "warning": 0, "info": 0}
    for diagnostic in report.diagnostics:
        counts[diagnostic.severity.value] += 1
    document = {
        "schema_version": SCHEMA_VERSION,
        "meshlint_version": report.version,
        "diagnostics": [diagnostic_dict(d) for d in report.diagnostics],
        "summary": {
            **counts,
            "projects": report.summary.projects,
            "models": report.summary.models,
            "models_closed": report.summary.models_closed,
            # only in a run scoped to changed files: how many models were analysed for them
            **({"models_analysed": report.summary.models_analysed} if report.summary.models_analysed is not None else {}),
        },
    }
    return json.dumps(document, indent=2) + "\n"
