"""`adapter.dispatch(name, packages=[...])` (dbt before 1.0) fails dbt 1.11's compile; meshlint says so
(ML002) instead of rendering it as if it worked."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.oracle.dbt_runner import run_dbt

CASE = Path(__file__).parent.parent / "rules" / "ML002-jinja-invalid" / "cases" / "bad-dispatch-packages-argument" / "analytics"


@pytest.mark.dbt
def test_real_dbt_rejects_the_packages_argument(tmp_path: Path) -> None:
    pytest.importorskip("dbt.adapters.duckdb")
    project = tmp_path / "analytics"
    shutil.copytree(CASE, project)
    (project / "profiles.yml").write_text(
        f"analytics:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: {tmp_path / 'a.duckdb'}\n"
    )
    run = run_dbt(project, "parse")
    assert run.returncode != 0, run.stdout
    assert 'The "packages" argument of adapter.dispatch() has been deprecated' in run.stdout, run.stdout


def test_the_same_dispatch_with_macro_namespace_renders(tmp_path: Path) -> None:
    from datetime import date

    from meshlint.engine import check
    from meshlint.settings import Settings

    project = tmp_path / "analytics"
    shutil.copytree(CASE, project)
    macro = project / "macros" / "text_type.sql"
    macro.write_text(macro.read_text().replace("packages=['analytics']", "macro_namespace='analytics'"))
    result = check([project], Settings(dialect="snowflake"), date(2026, 11, 23), project)
    assert [d.code for d in result.diagnostics] == []
    assert [n.columns.closed for n in result.analysed.nodes if n.node.name == "stg_customers"] == [True]


def test_the_packages_argument_is_an_error_without_a_dialect_too(tmp_path: Path) -> None:
    """Not a raise of the template's own code for an adapter meshlint assumed: dbt rejects it on every adapter."""
    from datetime import date

    from meshlint.engine import check
    from meshlint.settings import Settings

    project = tmp_path / "analytics"
    shutil.copytree(CASE, project)
    result = check([project], Settings(), date(2026, 11, 23), project)
    assert [d.code for d in result.diagnostics] == ["ML002"]
