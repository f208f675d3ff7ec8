"""Golden-file and property tests for the CI report formats (sarif, github, gitlab, junit, concise)."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

from meshlint.diagnostics import Diagnostic, Location, Severity
from meshlint.report import concise, github, gitlab, junit, sarif
from meshlint.report.model import Report, Summary
from meshlint.rules.base import Rule

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"

FORMATS: dict[str, Callable[[Report], str]] = {
    "report.sarif": sarif.render,
    "report.github.txt": github.render,
    "report.gitlab.json": gitlab.render,
    "report.junit.xml": junit.render,
    "report.concise.txt": concise.render,
}

RULES = (
    Rule(code="ML001", name="yaml-invalid", severity=Severity.ERROR, summary="A YAML file cannot be parsed"),
    Rule(code="ML004", name="ref-cycle", severity=Severity.ERROR, summary="Models reference each other in a cycle"),
    Rule(code="ML005", name="cannot-verify", severity=Severity.INFO, summary="Columns could not be inferred"),
    Rule(code="ML101", name="contract-column-missing", severity=Severity.ERROR, summary="Contract column not produced"),
    Rule(code="ML107", name="public-model-without-contract", severity=Severity.WARNING, summary="Public, no contract"),
    Rule(code="ML303", name="ref-unknown-model", severity=Severity.ERROR, summary="ref to an unknown model"),
    Rule(code="ML309", name="ref-unpinned-version", severity=Severity.INFO, summary="Unpinned cross-project ref"),
)
BY_CODE = {rule.code: rule for rule in RULES}

CORE_YML = "analytics/models/core/core.yml"
FCT_SQL = "analytics/models/core/fct_orders_v2.sql"
REPORT_SQL = "analytics/models/marts/orders_report.sql"


def diag(code: str, message: str, location: Location, **extra: str) -> Diagnostic:
    return BY_CODE[code].diagnostic(message, location, **extra)


DIAGNOSTICS = (
    diag("ML001", "Cannot parse YAML: mapping values are not allowed here", Location("analytics/models/broken.yml")),
    diag(
        "ML101",
        "Contract column `status` is not produced by `fct_orders` v2",
        Location(CORE_YML, 18, 9),
        node="model.analytics.fct_orders.v2",
        column_name="status",
        help="Select `status` in the SQL, or remove it from the contract",
    ),
    diag(
        "ML107",
        "Public model `dim_customers` has no enforced contract",
        Location(CORE_YML, 30, 5),
        node="model.analytics.dim_customers",
        help="Set `contract: {enforced: true}`\nor make the model protected",
    ),
    diag(
        "ML005",
        "Columns of `fct_orders` v2 could not be fully inferred: `select *` from a source",
        Location(FCT_SQL),
        node="model.analytics.fct_orders.v2",
    ),
    diag(
        "ML303",
        "ref('fct_order') names no model: 100% sure, did you mean `fct_orders`?",
        Location(REPORT_SQL, 4, 18),
        node="model.analytics.orders_report",
        target="model.analytics.fct_order",
    ),
    diag(
        "ML309",
        "Cross-project ref to versioned `finance.revenue` without `v=`, resolves to the latest",
        Location(REPORT_SQL, 7, 10),
        node="model.analytics.orders_report",
        target="model.finance.revenue",
    ),
)

NODE_PATHS = {
    "model.analytics.orders_report": REPORT_SQL,
    "model.analytics.stg_orders": "analytics/models/staging/stg_orders.sql",
    "model.analytics.fct_orders.v2": FCT_SQL,
    "model.analytics.dim_customers": "analytics/models/core/dim_customers.sql",
}


def make_report(diagnostics: tuple[Diagnostic, ...] = DIAGNOSTICS) -> Report:
    return Report(
        diagnostics=tuple(sorted(diagnostics, key=Diagnostic.sort_key)),
        rules=RULES,
        summary=Summary(projects=2, models=4, models_closed=3),
        version="0.1.0",
        node_paths=NODE_PATHS,
    )


@pytest.mark.parametrize("golden", sorted(FORMATS))
def test_matches_golden_file(golden: str) -> None:
    output = FORMATS[golden](make_report()).encode("utf-8")
    path = GOLDEN / golden
    if UPDATE:
        path.write_bytes(output)
    assert output == path.read_bytes(), f"{golden} changed; rerun with UPDATE_GOLDEN=1 if intended"


@pytest.mark.parametrize("golden", sorted(FORMATS))
def test_rendering_twice_gives_identical_bytes(golden: str) -> None:
    render = FORMATS[golden]
    first = render(make_report())
    assert render(make_report()) == first
    assert first.endswith("\n")


@pytest.mark.parametrize("golden", sorted(FORMATS))
def test_renders_an_empty_report(golden: str) -> None:
    output = FORMATS[golden](Report(diagnostics=(), rules=RULES))
    if golden == "report.concise.txt" or golden == "report.github.txt":
        assert output == ""
    else:
        assert output.endswith("\n")


def validate_sarif(text: str) -> None:
    schema = json.loads((GOLDEN / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER).validate(
        json.loads(text)
    )


def test_sarif_validates_against_the_schema() -> None:
    validate_sarif(sarif.render(make_report()))
    validate_sarif(sarif.render(Report(diagnostics=(), rules=())))


def test_sarif_schema_rejects_a_broken_log() -> None:
    log = json.loads(sarif.render(make_report()))
    log["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        validate_sarif(json.dumps(log))


def test_sarif_rules_equal_the_given_rules() -> None:
    run = json.loads(sarif.render(make_report()))["runs"][0]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("meshlint", "0.1.0")
    expected = [
        {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "helpUri": rule.help_uri,
            "defaultConfiguration": {"level": {"error": "error", "warning": "warning", "info": "note"}[rule.severity]},
        }
        for rule in RULES
    ]
    assert driver["rules"] == expected


def test_sarif_results() -> None:
    report = make_report()
    results = json.loads(sarif.render(report))["runs"][0]["results"]
    assert len(results) == len(report.diagnostics)
    for result, d in zip(results, report.diagnostics):
        assert RULES[result["ruleIndex"]].code == result["ruleId"] == d.code
        identity = "|".join(
            x or "" for x in (d.code, d.location.path, d.node, d.column_name, d.target, d.message)
        )
        assert result["partialFingerprints"] == {"meshlint/v1": hashlib.sha256(identity.encode()).hexdigest()}
        physical = result["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"] == {"uri": d.location.path, "uriBaseId": "%SRCROOT%"}
        assert ("region" in physical) == (d.location.line > 0)
    by_code = {result["ruleId"]: result for result in results}
    assert by_code["ML107"]["message"]["text"] == (
        "Public model `dim_customers` has no enforced contract\nSet `contract: {enforced: true}`\n"
        "or make the model protected"
    )
    assert by_code["ML101"]["locations"][0]["physicalLocation"]["region"] == {"startLine": 18, "startColumn": 9}
    assert by_code["ML101"]["properties"] == {"node": "model.analytics.fct_orders.v2", "column_name": "status"}
    assert by_code["ML309"]["level"] == "note"
    assert "properties" not in by_code["ML001"]


def test_sarif_uri_uses_forward_slashes() -> None:
    d = diag("ML001", "bad", Location("analytics\\models\\my file.yml", 2, 1))
    uri = json.loads(sarif.render(make_report((d,))))["runs"][0]["results"][0]["locations"][0]
    assert uri["physicalLocation"]["artifactLocation"]["uri"] == "analytics/models/my%20file.yml"


def test_github_escaping() -> None:
    assert github.escape_data("50%\r\nof a:b,c") == "50%25%0D%0Aof a:b,c"
    assert github.escape_property("a%b:c,d\ne") == "a%25b%3Ac%2Cd%0Ae"
    d = diag("ML107", "100%, sure: yes", Location("dir,x/a:b.yml", 3, 0), help="line\r\ntwo")
    assert github.command(dataclasses.replace(d, rule="public,model")) == (
        "::warning file=dir%2Cx/a%3Ab.yml,line=3,title=ML107 public%2Cmodel::100%25, sure: yes%0Aline%0D%0Atwo"
    )


def test_github_commands_per_severity_and_position() -> None:
    lines = github.render(make_report()).splitlines()
    assert len(lines) == len(DIAGNOSTICS)
    assert lines[0] == "::error file=analytics/models/broken.yml,title=ML001 yaml-invalid::" + (
        "Cannot parse YAML: mapping values are not allowed here"
    )
    assert any(line.startswith("::notice file=" + FCT_SQL + ",title=ML005 cannot-verify::") for line in lines)
    assert any(line.startswith("::warning file=" + CORE_YML + ",line=30,col=5,title=") for line in lines)


def test_gitlab_fingerprints_unique_per_distinct_diagnostic() -> None:
    base = diag("ML303", "ref('x') names no model", Location(REPORT_SQL, 4, 1), node="model.a.b", target="model.a.x")
    variants = (
        base,
        dataclasses.replace(base, target="model.a.y"),
        dataclasses.replace(base, node="model.a.c"),
        dataclasses.replace(base, column_name="id"),
        dataclasses.replace(base, message="ref('y') names no model"),
        dataclasses.replace(base, code="ML302"),
        dataclasses.replace(base, location=Location("other.sql", 4, 1)),
        # The same finding twice in one file still gets two fingerprints.
        dataclasses.replace(base, location=Location(REPORT_SQL, 9, 1)),
    )
    issues = json.loads(gitlab.render(make_report(variants)))
    prints = [issue["fingerprint"] for issue in issues]
    assert len(set(prints)) == len(variants)
    sample = json.loads(gitlab.render(make_report()))
    assert len({issue["fingerprint"] for issue in sample}) == len(DIAGNOSTICS)


def test_gitlab_fingerprint_is_stable_across_line_moves() -> None:
    d = DIAGNOSTICS[4]
    moved = dataclasses.replace(d, location=Location(REPORT_SQL, 40, 2))
    fingerprint = json.loads(gitlab.render(make_report((d,))))[0]["fingerprint"]
    assert json.loads(gitlab.render(make_report((moved,))))[0]["fingerprint"] == fingerprint
    identity = "ML303|" + REPORT_SQL + "|model.analytics.orders_report||model.analytics.fct_order|" + d.message
    assert fingerprint == hashlib.md5(identity.encode()).hexdigest()


def test_gitlab_issue_shape() -> None:
    issues = {issue["check_name"]: issue for issue in json.loads(gitlab.render(make_report()))}
    assert issues["ML107"]["severity"] == "minor"
    assert issues["ML309"]["severity"] == "info"
    assert issues["ML101"]["description"] == "ML101 Contract column `status` is not produced by `fct_orders` v2"
    assert issues["ML101"]["location"] == {"path": CORE_YML, "lines": {"begin": 18}}
    assert issues["ML001"]["location"]["lines"] == {"begin": 1}


def test_junit_parses_and_counts_failures() -> None:
    suite = ET.fromstring(junit.render(make_report()))
    assert suite.tag == "testsuite" and suite.get("name") == "meshlint"
    cases = suite.findall("testcase")
    names = [case.get("name") for case in cases]
    assert names == sorted(NODE_PATHS) + ["analytics/models/broken.yml"]
    assert suite.get("tests") == str(len(cases)) == "5"
    failed = [case.get("name") for case in cases if case.find("failure") is not None]
    assert failed == [
        "model.analytics.dim_customers",
        "model.analytics.fct_orders.v2",
        "model.analytics.orders_report",
        "analytics/models/broken.yml",
    ]
    assert suite.get("failures") == "4"
    assert len(suite.findall("testcase/failure")) == 4
    report_case = cases[names.index("model.analytics.orders_report")]
    failure = report_case.find("failure")
    assert failure is not None
    assert failure.get("type") == "ML303"
    assert failure.text == REPORT_SQL + ":4:18: ML303 " + DIAGNOSTICS[4].message
    assert report_case.findtext("system-out") == REPORT_SQL + ":7:10: ML309 " + DIAGNOSTICS[5].message
    fct = cases[names.index("model.analytics.fct_orders.v2")]
    assert fct.get("file") == FCT_SQL
    assert fct.findtext("system-out") == FCT_SQL + ": ML005 " + DIAGNOSTICS[3].message


def test_junit_gives_a_node_without_a_path_its_own_case() -> None:
    d = diag("ML101", "missing", Location(CORE_YML, 3, 1), node="model.analytics.fct_orders.v3")
    suite = ET.fromstring(junit.render(make_report((d,))))
    case = suite.find("testcase[@name='model.analytics.fct_orders.v3']")
    assert case is not None and case.get("file") == CORE_YML
    assert (suite.get("tests"), suite.get("failures")) == ("5", "1")


def test_concise_lines() -> None:
    lines = concise.render(make_report()).splitlines()
    assert lines[0] == (
        "analytics/models/broken.yml: ML001 [error] Cannot parse YAML: mapping values are not allowed here"
    )
    assert CORE_YML + ":30:5: ML107 [warning] Public model `dim_customers` has no enforced contract" in lines
    assert FCT_SQL + ": ML005 [info] " + DIAGNOSTICS[3].message in lines
    assert len(lines) == len(DIAGNOSTICS)
