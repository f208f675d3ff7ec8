"""The quickstart mesh end to end: what `meshlint check` says about the example as shipped, and
about single mistakes made to a copy of it (each must give exactly its finding, on the right node,
column and line, and nothing else new)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import TODAY, edit

CORE_YML = "analytics/models/core/core.yml"
AGG_SQL = "finance/models/core/agg_customer_payment_journey.sql"
V1 = "model.analytics.fct_orders.v1"
V2 = "model.analytics.fct_orders.v2"
AGG = "model.finance.agg_customer_payment_journey"

BASELINE = {
    ("ML403", V1, None, CORE_YML, 53),
    ("ML401", AGG, None, AGG_SQL, 7),
}


def line_of(path: Path, text: str, after: str = "") -> int:
    """1-based line of the first `text` (after the first `after`) in the file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if after in line) if after else 0
    return next(i for i, line in enumerate(lines) if i >= start and text in line) + 1


def test_example_as_shipped(mesh_copy: Path, run_cli) -> None:
    result = run_cli("check", ".", "--today", TODAY, "--format", "json")
    assert result.findings() == BASELINE
    assert result.exit_code == 1  # ML401 is an error
    by_code = {d["code"]: d for d in result.json["diagnostics"]}
    assert by_code["ML401"]["target"] == V1
    summary = result.json["summary"]
    assert summary == {"error": 1, "warning": 1, "info": 0, "projects": 2, "models": 6, "models_closed": 5}


def test_text_output_points_at_the_ref_line(mesh_copy: Path, run_cli) -> None:
    result = run_cli("check", ".", "--today", TODAY)
    assert f"{AGG_SQL}:7:1: ML401 [error]" in result.stdout
    assert "ref('analytics', 'fct_orders', v=1)" in result.stdout  # the source excerpt
    assert "Found 1 error(s), 1 warning(s), 0 info in 2 project(s), 6 model(s)" in result.stdout


def test_before_the_deprecation_date_the_ref_is_a_warning_then_clean(mesh_copy: Path, run_cli) -> None:
    upcoming = run_cli("check", ".", "--today", "2024-05-01", "--format", "json")
    assert {(c, n) for c, n, *_ in upcoming.findings()} == {("ML402", AGG)}
    assert upcoming.exit_code == 0
    long_before = run_cli("check", ".", "--today", "2023-01-01", "--format", "json")
    assert long_before.findings() == set()


# (file, old text, new text, expected new findings as (code, node, column, file, (text, after)))
EDITS = {
    "v1-drops-status": (
        "analytics/models/core/fct_orders_v1.sql", "        o.status,\n", "        -- o.status,\n",
        {("ML101", V1, "status", CORE_YML, ("name: status", ""))},
    ),
    "v2-selects-extra-column": (
        "analytics/models/core/fct_orders_v2.sql", "        c.last_name,\n", "        c.last_name,\n        o.status as order_status,\n",
        {("ML102", V2, "order_status", "analytics/models/core/fct_orders_v2.sql", ("as order_status", ""))},
    ),
    "days-declared-varchar": (
        CORE_YML, "      - name: days_as_customer_at_purchase\n        data_type: number",
        "      - name: days_as_customer_at_purchase\n        data_type: varchar",
        {
            ("ML103", V1, "days_as_customer_at_purchase", CORE_YML, ("data_type: varchar", "name: days_as")),
            ("ML103", V2, "days_as_customer_at_purchase", CORE_YML, ("data_type: varchar", "name: days_as")),
        },
    ),
    "exclude-typo": (
        CORE_YML, "exclude: [status]", "exclude: [is_retrun]",
        {("ML201", V2, "is_retrun", CORE_YML, ("is_retrun", ""))},
    ),
    "latest-version-3": (
        CORE_YML, "latest_version: 2", "latest_version: 3",
        {("ML202", "model.analytics.fct_orders", None, CORE_YML, ("latest_version", ""))},
    ),
    "finance-refs-protected-staging": (
        AGG_SQL, "ref('analytics', 'fct_orders', v=1)", "ref('analytics', 'stg_orders')",
        {("ML301", AGG, None, AGG_SQL, ("stg_orders", ""))},
    ),
    "missing-data-type": (
        CORE_YML, "      - name: first_order_date\n        data_type: date\n", "      - name: first_order_date\n",
        {
            ("ML104", V1, "first_order_date", CORE_YML, ("name: first_order_date", "")),
            ("ML104", V2, "first_order_date", CORE_YML, ("name: first_order_date", "")),
        },
    ),
}


@pytest.mark.parametrize("case", sorted(EDITS))
def test_single_edit_gives_exactly_its_finding(case: str, mesh_copy: Path, run_cli) -> None:
    path, old, new, expected = EDITS[case]
    edit(mesh_copy / path, old, new)
    result = run_cli("check", ".", "--today", TODAY, "--format", "json")
    # the baseline findings stay (perhaps on a shifted line), unless the edit removed the ref
    baseline = {(code, node) for code, node, *_ in BASELINE}
    new = {f for f in result.findings() if (f[0], f[1]) not in baseline}
    assert new == {(c, n, col, p, line_of(mesh_copy / p, *where)) for c, n, col, p, where in expected}
    if case != "finance-refs-protected-staging":
        assert {(f[0], f[1]) for f in result.findings()} >= baseline
    assert result.exit_code == 1


def test_malformed_yaml_is_reported_and_the_other_project_still_checked(mesh_copy: Path, run_cli) -> None:
    (mesh_copy / "finance/models/staging/sources.yml").write_text("sources:\n  - name: stripe\n    tables: [payment\n")
    edit(mesh_copy / "analytics/models/core/fct_orders_v1.sql", "        o.status,\n", "        -- o.status,\n")
    result = run_cli("check", ".", "--today", TODAY, "--format", "json")
    assert result.stderr == ""
    codes = {(c, p, line) for c, _, _, p, line in result.findings()}
    assert ("ML001", "finance/models/staging/sources.yml", 4) in codes
    assert ("ML101", CORE_YML, 21) in codes  # analytics is still checked
    assert ("ML401", AGG_SQL, 7) in codes  # and so is the rest of finance
    assert result.exit_code == 1


def test_json_schema(mesh_copy: Path, run_cli) -> None:
    document = run_cli("check", ".", "--today", TODAY, "--format", "json").json
    assert set(document) == {"schema_version", "meshlint_version", "diagnostics", "summary"}
    assert document["schema_version"] == 1
    for diagnostic in document["diagnostics"]:
        assert set(diagnostic) == {"code", "rule", "severity", "message", "location", "node", "column_name", "target"}
        assert set(diagnostic["location"]) == {"path", "line", "column"}
        assert diagnostic["location"]["line"] >= 1 and diagnostic["location"]["column"] >= 1
        assert not diagnostic["message"].endswith(".")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--fail-on", "error"), 1),
        (("--ignore", "ML401"), 0),
        (("--ignore", "ML401", "--fail-on", "warning"), 1),
        (("--exit-zero",), 0),
        (("--select", "ML1"), 0),
    ],
)
def test_exit_codes(args: tuple[str, ...], expected: int, mesh_copy: Path, run_cli) -> None:
    assert run_cli("check", ".", "--today", TODAY, "--format", "json", *args).exit_code == expected


@pytest.mark.parametrize(
    "args",
    [
        ("check", "no-such-dir"),
        ("check", ".", "--today", "23/11/2026"),
        ("check", ".", "--select", "ML999"),
        ("check", ".", "--config", "missing.toml"),
    ],
)
def test_usage_errors_exit_2_without_traceback(args: tuple[str, ...], mesh_copy: Path, run_cli) -> None:
    result = run_cli(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith("meshlint: error:")
    assert "Traceback" not in result.stderr


def test_unknown_setting_is_a_usage_error_with_a_suggestion(mesh_copy: Path, run_cli) -> None:
    (mesh_copy / "meshlint.toml").write_text('dialekt = "snowflake"\n')
    result = run_cli("check", ".")
    assert result.exit_code == 2
    assert "did you mean `dialect`" in result.stderr


def test_columns_command(mesh_copy: Path, run_cli) -> None:
    result = run_cli("columns", V2, ".", "--format", "json")
    assert result.exit_code == 0
    document = result.json
    assert document["node"] == V2 and document["closed"] is True
    names = [c["name"] for c in document["columns"]]
    assert names == [
        "ORDER_ID", "ORDER_DATE", "IS_RETURN", "CUSTOMER_ID", "FIRST_NAME", "LAST_NAME",
        "FIRST_ORDER_DATE", "DAYS_AS_CUSTOMER_AT_PURCHASE",
    ]
    types = {c["name"]: c["type"] for c in document["columns"]}
    assert types["IS_RETURN"] == "boolean" and types["ORDER_DATE"] == "date"
    agg = run_cli("columns", "agg_customer_payment_journey", ".", "--format", "json").json
    assert agg["closed"] is False
    assert any("get_column_values" in reason for reason in agg["reasons"])


def test_changed_files_limit_findings_to_what_they_touch(mesh_copy: Path, run_cli) -> None:
    edit(mesh_copy / "analytics/models/core/fct_orders_v1.sql", "        o.status,\n", "        -- o.status,\n")
    whole = run_cli("check", ".", "--today", TODAY, "--format", "json")
    assert {c for c, *_ in whole.findings()} == {"ML101", "ML401", "ML403"}
    staging = run_cli("check", "finance/models/staging/stg_payments.sql", "--today", TODAY, "--format", "json")
    assert {(c, n) for c, n, *_ in staging.findings()} == {("ML401", AGG)}  # the consumer only
    core = run_cli("check", "analytics/models/core/fct_orders_v1.sql", "--today", TODAY, "--format", "json")
    assert {c for c, *_ in core.findings()} == {"ML101", "ML401", "ML403"}  # versions and consumers
    # a source YAML touches the staging models reading it, and their consumers (fct_orders)
    sources = run_cli("check", "analytics/models/staging/sources.yml", "--today", TODAY, "--format", "json")
    assert {c for c, *_ in sources.findings()} == {"ML101", "ML403"}
    unrelated = run_cli("check", "finance/models/staging/sources.yml", "--today", TODAY, "--format", "json")
    assert {c for c, *_ in unrelated.findings()} == {"ML401"}  # stg_payments' consumer refs the deprecated v1


def test_statistics(mesh_copy: Path, run_cli) -> None:
    result = run_cli("check", ".", "--today", TODAY, "--statistics")
    assert result.stdout.splitlines() == [
        "    1  ML401  ref-deprecated",
        "    1  ML403  model-deprecated",
        "    2  total",
    ]


def test_text_report_says_when_stand_ins_were_used(mesh_copy: Path, run_cli) -> None:
    text = run_cli("check", ".", "--today", TODAY).stdout
    assert "note: 1 model(s) rendered with meshlint's stand-ins" in text
    assert "dbt_utils.pivot" in text


def test_readme_shows_what_the_example_prints(run_cli, monkeypatch) -> None:
    from tests.conftest import REPO

    monkeypatch.chdir(REPO)
    command = "meshlint check examples/jaffle-mesh --today 2026-11-23"
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    shown = readme.split(f"$ {command}\n", 1)[1].split("```", 1)[0]
    assert run_cli(*command.split()[1:]).stdout == shown


def test_a_path_without_dbt_projects_is_a_usage_error(tmp_path: Path, run_cli, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    result = run_cli("check", "docs")
    assert result.exit_code == 2 and "no dbt project" in result.stderr
