"""An ephemeral model that no model dbt runs refs is compiled but never executed: SQL in it that does
not parse fails no build, so meshlint reports no ML003 there (dbt-project-evaluator's integration
tests hold such fixtures); once a table refs it, dbt inlines it as a CTE and the build fails."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest

from meshlint.engine import check
from meshlint.settings import Settings
from tests.oracle.dbt_runner import run_dbt

CASES = Path(__file__).parent.parent / "rules" / "ML003-sql-unparseable" / "cases"
DAY = datetime.date(2026, 11, 23)


def _copy(case: str, tmp_path: Path) -> Path:
    project = tmp_path / case / "analytics"
    shutil.copytree(CASES / case / "analytics", project)
    (project / "profiles.yml").write_text(
        f"analytics:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: {tmp_path / case / 'a.duckdb'}\n"
    )
    return project


def test_the_never_run_fixture_says_why_it_is_open(tmp_path: Path) -> None:
    project = _copy("good-unreferenced-ephemeral", tmp_path)
    result = check([project], Settings(), DAY, project)
    assert result.diagnostics == ()
    fixture = next(n for n in result.analysed.nodes if n.node.name == "fake_lineage")
    assert fixture.columns is not None and not fixture.columns.closed
    assert "never executes its SQL" in fixture.columns.reasons[0]


def test_a_data_test_runs_the_ephemeral_model(tmp_path: Path) -> None:
    project = _copy("good-unreferenced-ephemeral", tmp_path)
    (project / "models" / "fixtures" / "fixtures.yml").write_text(
        "models:\n  - name: fake_staging\n    columns:\n      - name: order_id\n        data_tests: [not_null]\n"
    )
    result = check([project], Settings(), DAY, project)
    assert [(d.code, Path(d.location.path).name) for d in result.diagnostics] == [("ML003", "fake_staging.sql")]


@pytest.mark.dbt
@pytest.mark.parametrize(("case", "builds"), [("good-unreferenced-ephemeral", True), ("bad-ephemeral-inlined-in-a-table", False)])
def test_real_dbt_runs_an_ephemeral_model_only_through_what_refs_it(tmp_path: Path, case: str, builds: bool) -> None:
    pytest.importorskip("dbt.adapters.duckdb")
    project = _copy(case, tmp_path)
    run = run_dbt(project, "build")
    assert (run.returncode == 0) is builds, run.stdout
    if not builds:
        # the table fails on the ephemeral model's SQL, inlined into its query
        assert "Failure in model fct_orders" in run.stdout and "syntax error" in run.stdout, run.stdout
