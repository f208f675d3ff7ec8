"""JUnit XML: a test case per model (and per file with file-level findings); errors and warnings fail it."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from meshlint.diagnostics import Diagnostic, Severity
from meshlint.report.concise import position
from meshlint.report.model import Report
from meshlint.report.sarif import uri_path


def _line(d: Diagnostic) -> str:
    return f"{position(d.location, uri_path(d.location.path))}: {d.code} {d.message}"


def _testcase(suite: ET.Element, name: str, path: str, diagnostics: list[Diagnostic]) -> bool:
    """Add one test case; True when it failed."""
    case = ET.SubElement(suite, "testcase", {"classname": "meshlint", "name": name, "file": uri_path(path)})
    failed = False
    for d in diagnostics:
        if d.severity is not Severity.INFO:
            failure = ET.SubElement(case, "failure", {"type": d.code, "message": d.message})
            failure.text = _line(d)
            failed = True
    infos = [_line(d) for d in diagnostics if d.severity is Severity.INFO]
    if infos:
        ET.SubElement(case, "system-out").text = "\n".join(infos)
    return failed


def render(report: Report) -> str:
    by_node: dict[str, list[Diagnostic]] = defaultdict(list)
    by_file: dict[str, list[Diagnostic]] = defaultdict(list)
    for d in report.diagnostics:
        if d.node is None:
            by_file[uri_path(d.location.path)].append(d)
        else:
            by_node[d.node].append(d)
    # A node may have findings but no SQL file (a missing version file): it still gets a case.
    node_paths = dict(report.node_paths)
    for node, found in by_node.items():
        node_paths.setdefault(node, found[0].location.path)

    suite = ET.Element("testsuite", {"name": "meshlint", "tests": "", "failures": ""})
    cases = [(node, node_paths[node], by_node.get(node, [])) for node in sorted(node_paths)]
    cases += [(path, path, by_file[path]) for path in sorted(by_file)]
    failures = sum(_testcase(suite, name, path, found) for name, path, found in cases)
    suite.set("tests", str(len(cases)))
    suite.set("failures", str(failures))
    ET.indent(suite)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suite, encoding="unicode") + "\n"
