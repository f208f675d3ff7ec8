"""Real dbt (dbt-core on DuckDB, dbt-loom for the cross-project ref) on what `meshlint fix` and
`meshlint version new` write, in one batch on a copy of the oracle mesh (tests/oracle/mesh):

* before: a contracted model without columns, one without a properties file, a versioned model missing a column in its contract and a
  column without `data_type`; dbt's parse fails;
* `meshlint fix` declares the columns and types; `meshlint check` reports none of those findings, and
  dbt's build of `analytics` passes every contract;
* `meshlint version new fct_orders --make-latest --deprecate-previous ...` adds v3; dbt parses and builds
  it, and `finance`, whose model still refs `fct_orders` v1, builds too.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.oracle.dbt_runner import MESH_DIR, dbt_python

pytestmark = pytest.mark.dbt
TODAY = "2026-11-23"

DIM_CUSTOMERS_YML = """\
models:
  # contracted, but nobody wrote the columns down yet
  - name: dim_customers
    config:
      materialized: table
      contract: {enforced: true}
"""
# a contract set in the SQL, and no properties file at all: the fix writes one
ORDER_DAYS_SQL = """\
{{ config(materialized='table', contract={'enforced': true}) }}
select order_id, order_date, status = 'returned' as is_return
from {{ ref('stg_orders') }}
"""
DIM_CUSTOMERS_SQL = """\
select
    customer_id,
    first_name || ' ' || last_name as full_name,
    cast(customer_id as bigint) * 2 as doubled_id
from {{ ref('stg_customers') }}
"""


def _dbt(project: Path, *command: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DBT_")}
    env["DBT_SEND_ANONYMOUS_USAGE_STATS"] = "false"
    return subprocess.run(
        [dbt_python(), "-m", "dbt.cli.main", *command, "--project-dir", str(project), "--profiles-dir", str(project),
         "--target-path", str(project / "target"), "--log-path", str(project / "logs"), "--no-partial-parse",
         "--no-use-colors", "--no-version-check"],
        cwd=project, env=env, capture_output=True, text=True, timeout=600,
    )


def _findings(run_cli) -> set[tuple[str, str | None, str | None]]:  # type: ignore[no-untyped-def]
    result = run_cli("check", ".", "--today", TODAY, "--format", "json", "--exit-zero")
    return {(d["code"], d["node"], d["column_name"]) for d in result.json["diagnostics"]}


def test_fixed_contracts_and_a_new_version_pass_real_dbt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("dbt.adapters.duckdb")
    mesh = tmp_path / "mesh"
    shutil.copytree(MESH_DIR, mesh, ignore=shutil.ignore_patterns("target", "logs", "*.duckdb"))
    analytics, finance = mesh / "analytics", mesh / "finance"
    core = analytics / "models/core/core.yml"
    text = core.read_text()
    text = text.replace(
        "      - name: days_as_customer_at_purchase\n        data_type: bigint\n"
        "        description: \"Days between this purchase and customer's first purchase\"\n", "", 1
    ).replace("      - name: first_name\n        data_type: varchar\n", "      - name: first_name\n", 1)
    core.write_text(text)
    (analytics / "models/core/dim_customers.yml").write_text(DIM_CUSTOMERS_YML)
    (analytics / "models/core/dim_customers.sql").write_text(DIM_CUSTOMERS_SQL)
    (analytics / "models/core/order_days.sql").write_text(ORDER_DAYS_SQL)
    monkeypatch.chdir(mesh)

    before = _findings(run_cli)
    fixable = {f for f in before if f[0] in ("ML102", "ML104", "ML110")}
    assert {f[0] for f in fixable} == {"ML102", "ML104", "ML110"}, before
    broken = _dbt(analytics, "parse")
    assert broken.returncode != 0, "dbt should reject the contract without columns"

    fixed = run_cli("fix", ".", "--today", TODAY)
    assert fixed.exit_code == 0, fixed.stderr
    after = _findings(run_cli)
    assert not fixable & after and not {f for f in after if f[0] in ("ML102", "ML104", "ML110")}, after

    created = run_cli("version", "new", "fct_orders", ".", "--make-latest", "--deprecate-previous", "2027-06-30", "--today", TODAY)
    assert created.exit_code == 0, created.stderr
    assert (analytics / "models/core/fct_orders_v3.sql").read_text() == (analytics / "models/core/fct_orders_v2.sql").read_text()
    latest = _findings(run_cli)
    assert latest <= after | {("ML402", "model.finance.agg_customer_payment_journey", None)}, latest - after

    built = _dbt(analytics, "build")
    assert built.returncode == 0, built.stdout[-3000:]
    assert {
        "model.analytics.dim_customers", "model.analytics.order_days", "model.analytics.fct_orders.v1", "model.analytics.fct_orders.v2",
        "model.analytics.fct_orders.v3",
    } <= _succeeded(analytics)
    manifest = json.loads((analytics / "target/manifest.json").read_text())
    assert manifest["nodes"]["model.analytics.fct_orders.v3"]["latest_version"] == 3
    assert manifest["nodes"]["model.analytics.fct_orders.v2"]["deprecation_date"].startswith("2027-06-30")
    assert manifest["nodes"]["model.analytics.dim_customers"]["contract"]["enforced"] is True
    assert (analytics / "models/core/order_days.yml").is_file()
    assert manifest["nodes"]["model.analytics.order_days"]["columns"]["is_return"]["data_type"] == "boolean"
    consumers = _dbt(finance, "build")
    assert consumers.returncode == 0, consumers.stdout[-3000:]
    assert "model.finance.agg_customer_payment_journey" in _succeeded(finance)


def _succeeded(project: Path) -> set[str]:
    results = json.loads((project / "target/run_results.json").read_text())["results"]
    return {r["unique_id"] for r in results if r["status"] == "success"}
