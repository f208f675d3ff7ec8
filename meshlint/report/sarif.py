"""SARIF 2.1.0 output: one run, the whole rule registry, stable partial fingerprints."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import quote

from meshlint.diagnostics import Diagnostic, Severity
from meshlint.report.model import Report
from meshlint.rules.base import Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/meshlint/meshlint"
FINGERPRINT_KEY = "meshlint/v1"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def uri_path(path: str) -> str:
    """A relative path with forward slashes, as every CI format wants it."""
    return path.replace("\\", "/")


def identity(diagnostic: Diagnostic) -> str:
    """What makes a finding the same finding across runs: no line or column, so edits above it do
    not change it."""
    d = diagnostic
    parts = (d.code, uri_path(d.location.path), d.node, d.column_name, d.target, d.message)
    return "|".join(part or "" for part in parts)


def fingerprints(diagnostics: Iterable[Diagnostic], algorithm: Callable[[bytes], Any]) -> list[str]:
    """One hex digest of `identity` per diagnostic; a repeated identity (the same finding twice in a
    file) gets `|2`, `|3`... appended, in input order, so no two findings share a fingerprint."""
    seen: dict[str, int] = {}
    digests = []
    for diagnostic in diagnostics:
        key = identity(diagnostic)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            key = f"{key}|{seen[key]}"
        digests.append(algorithm(key.encode("utf-8")).hexdigest())
    return digests


def _rule(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "helpUri": rule.help_uri,
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
    }


def _result(d: Diagnostic, rule_index: dict[str, int], fingerprint: str) -> dict[str, Any]:
    physical: dict[str, Any] = {
        "artifactLocation": {"uri": quote(uri_path(d.location.path), safe="/"), "uriBaseId": "%SRCROOT%"}
    }
    if d.location.line > 0:
        physical["region"] = {"startLine": d.location.line}
        if d.location.column > 0:
            physical["region"]["startColumn"] = d.location.column
    result: dict[str, Any] = {
        "ruleId": d.code,
        "level": LEVELS[d.severity],
        "message": {"text": d.message + ("\n" + d.help if d.help else "")},
        "locations": [{"physicalLocation": physical}],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
    }
    if d.code in rule_index:
        result["ruleIndex"] = rule_index[d.code]
    extra = {"node": d.node, "target": d.target, "column_name": d.column_name}
    properties = {key: value for key, value in extra.items() if value is not None}
    if properties:
        result["properties"] = properties
    return result


def render(report: Report) -> str:
    rule_index = {rule.code: index for index, rule in enumerate(report.rules)}
    digests = fingerprints(report.diagnostics, hashlib.sha256)
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "meshlint",
                        "version": report.version,
                        "informationUri": INFORMATION_URI,
                        "rules": [_rule(rule) for rule in report.rules],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [_result(d, rule_index, f) for d, f in zip(report.diagnostics, digests)],
            }
        ],
    }
    return json.dumps(log, indent=2, sort_keys=True) + "\n"
