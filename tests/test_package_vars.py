"""A package's var() sees the vars of the project that installs it: the package's own dbt_project.yml
vars, overridden by the root project's global vars and those it scopes to the package (how The Tuva
Project's models are switched on by `claims_enabled: true` in the installing project)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from meshlint.engine import check
from meshlint.settings import Settings
from tests.oracle.dbt_runner import run_dbt

DAY = datetime.date(2026, 11, 23)
MODEL = """\
{{ config(enabled=var('claims_enabled', false)) }}
select {{ var('payment_year') }} as payment_year, '{{ var('region') }}' as region
"""


def _mesh(tmp_path: Path) -> Path:
    root = tmp_path / "integration_tests"
    package = root / "dbt_packages" / "claims"
    (package / "models").mkdir(parents=True)
    (package / "dbt_project.yml").write_text(
        "name: claims\nversion: '1.0'\nconfig-version: 2\n"
        "vars:\n  claims_enabled: false\n  payment_year: 2020\n  region: eu\n"
    )
    (package / "models" / "claims_summary.sql").write_text(MODEL)
    (root / "dbt_project.yml").write_text(
        "name: integration_tests\nversion: '1.0'\nconfig-version: 2\nprofile: shop\n"
        "vars:\n  claims_enabled: true\n  region: us\n  claims:\n    payment_year: 2024\n"
    )
    (root / "profiles.yml").write_text(
        f"shop:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: {root / 'shop.duckdb'}\n"
    )
    return root


def test_the_root_project_s_vars_win_in_a_package(tmp_path: Path) -> None:
    root = _mesh(tmp_path)
    result = check([root], Settings(), DAY, root)
    assert result.diagnostics == ()
    [node] = [n for n in result.analysed.nodes if n.node.name == "claims_summary"]
    assert node.render is not None and node.render.sql is not None
    assert "2024 as payment_year" in node.render.sql and "'us' as region" in node.render.sql


@pytest.mark.dbt
def test_real_dbt_gives_a_package_the_root_project_s_vars(tmp_path: Path) -> None:
    pytest.importorskip("dbt.adapters.duckdb")
    root = _mesh(tmp_path)
    run = run_dbt(root, "compile")
    assert run.returncode == 0, run.stdout + run.stderr
    compiled = (root / "target" / "compiled" / "claims" / "models" / "claims_summary.sql").read_text()
    assert "2024 as payment_year" in compiled and "'us' as region" in compiled
