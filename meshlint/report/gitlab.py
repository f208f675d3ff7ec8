"""GitLab Code Quality report: a JSON list of issues with stable md5 fingerprints."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from meshlint.diagnostics import Diagnostic, Severity
from meshlint.report.model import Report
from meshlint.report.sarif import fingerprints, uri_path

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def _md5(data: bytes) -> Any:
    return hashlib.md5(data, usedforsecurity=False)


def _issue(d: Diagnostic, fingerprint: str) -> dict[str, Any]:
    return {
        "description": f"{d.code} {d.message}",
        "check_name": d.code,
        "fingerprint": fingerprint,
        "severity": SEVERITIES[d.severity],
        # GitLab lines are 1-based and required: a whole-file finding points at the first line.
        "location": {"path": uri_path(d.location.path), "lines": {"begin": max(d.location.line, 1)}},
    }


def render(report: Report) -> str:
    digests = fingerprints(report.diagnostics, _md5)
    issues = [_issue(d, f) for d, f in zip(report.diagnostics, digests)]
    return json.dumps(issues, indent=2, sort_keys=True) + "\n"
