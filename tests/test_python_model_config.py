"""A Python model's `dbt.config(...)` (read statically, as dbt does): `enabled=False` leaves it out of
the project, and a ref to it is a ref to a disabled model (dbt-meshify's split project has one)."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from meshlint.engine import check
from meshlint.settings import Settings
from tests.oracle.dbt_runner import run_dbt

DAY = datetime.date(2026, 11, 23)
PY_MODEL = """\
def model(dbt, session):
    dbt.config(enabled=False, materialized="table")
    return dbt.ref("stg_orders").df()
"""


def _project(root: Path, enabled: bool) -> Path:
    (root / "models").mkdir(parents=True)
    (root / "dbt_project.yml").write_text("name: shop\nversion: '1.0'\nconfig-version: 2\nprofile: shop\n")
    (root / "profiles.yml").write_text(f"shop:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: {root / 's.duckdb'}\n")
    (root / "models" / "stg_orders.sql").write_text("select 1 as order_id\n")
    (root / "models" / "order_history.py").write_text(PY_MODEL if not enabled else PY_MODEL.replace("enabled=False, ", ""))
    return root


@pytest.mark.parametrize("enabled", [False, True])
def test_a_python_model_s_own_config_decides_whether_it_exists(tmp_path: Path, enabled: bool) -> None:
    root = _project(tmp_path / "shop", enabled)
    result = check([root], Settings(), DAY, root)
    models = {n.unique_id for n in result.analysed.nodes if n.node.resource_type == "model"}
    assert ("model.shop.order_history" in models) is enabled
    assert result.diagnostics == ()


@pytest.mark.dbt
def test_real_dbt_leaves_the_disabled_python_model_out(tmp_path: Path) -> None:
    pytest.importorskip("dbt.adapters.duckdb")
    root = _project(tmp_path / "shop", enabled=False)
    run = run_dbt(root, "parse")
    assert run.returncode == 0, run.stdout
    manifest = json.loads((root / "target" / "manifest.json").read_text())
    assert "model.shop.order_history" not in manifest["nodes"]
    assert "model.shop.order_history" in {n["unique_id"] for nodes in manifest["disabled"].values() for n in nodes}
