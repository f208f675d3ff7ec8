"""noqa comments on SQL and YAML lines, file-level noqa, per-path ignores, and ML007."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import TODAY, edit

AGG_SQL = "finance/models/core/agg_customer_payment_journey.sql"
CORE_YML = "analytics/models/core/core.yml"
REF = "ref('analytics', 'fct_orders', v=1) }}"


def codes(result) -> set[str]:
    return {d["code"] for d in result.json["diagnostics"]}


def test_sql_line_noqa_with_code(mesh_copy: Path, run_cli) -> None:
    edit(mesh_copy / AGG_SQL, REF, REF + " -- noqa: ML401")
    assert codes(run_cli("check", ".", "--today", TODAY, "--format", "json")) == {"ML403"}


def test_sql_line_noqa_with_another_code_keeps_the_finding(mesh_copy: Path, run_cli) -> None:
    edit(mesh_copy / AGG_SQL, REF, REF + " -- noqa: ML301")
    assert "ML401" in codes(run_cli("check", ".", "--today", TODAY, "--format", "json"))


def test_bare_noqa_and_yaml_noqa(mesh_copy: Path, run_cli) -> None:
    edit(mesh_copy / AGG_SQL, REF, REF + " -- noqa")
    edit(mesh_copy / CORE_YML, "deprecation_date: 2024-06-30 00:00:00.00+00:00", "deprecation_date: 2024-06-30 00:00:00.00+00:00  # noqa: ML403")
    assert codes(run_cli("check", ".", "--today", TODAY, "--format", "json")) == set()


def test_file_level_noqa(mesh_copy: Path, run_cli) -> None:
    path = mesh_copy / AGG_SQL
    path.write_text("-- meshlint: noqa: ML401\n" + path.read_text())
    assert codes(run_cli("check", ".", "--today", TODAY, "--format", "json")) == {"ML403"}


def test_per_path_ignores(mesh_copy: Path, run_cli) -> None:
    (mesh_copy / "meshlint.toml").write_text('dialect = "snowflake"\n[per-path-ignores]\n"finance/**" = ["ML4"]\n')
    assert codes(run_cli("check", ".", "--today", TODAY, "--format", "json")) == {"ML403"}


def test_unused_noqa_is_reported_only_when_selected(mesh_copy: Path, run_cli) -> None:
    edit(mesh_copy / AGG_SQL, "group by 1", "group by 1 -- noqa: ML102")
    assert "ML007" not in codes(run_cli("check", ".", "--today", TODAY, "--format", "json"))
    result = run_cli("check", ".", "--today", TODAY, "--format", "json", "--extend-select", "ML007")
    unused = [d for d in result.json["diagnostics"] if d["code"] == "ML007"]
    assert [(d["location"]["path"], d["severity"]) for d in unused] == [(AGG_SQL, "info")]


def test_severity_override(mesh_copy: Path, run_cli) -> None:
    (mesh_copy / "meshlint.toml").write_text('dialect = "snowflake"\n[severity]\nML401 = "warning"\n')
    result = run_cli("check", ".", "--today", TODAY, "--format", "json")
    assert {d["code"]: d["severity"] for d in result.json["diagnostics"]}["ML401"] == "warning"
    assert result.exit_code == 0
