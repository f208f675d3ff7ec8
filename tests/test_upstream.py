"""Finance checked alone, with analytics given as published metadata (meshlint's interface file,
or a manifest written by real `dbt parse`), says what the two-project mesh says about finance."""

from __future__ import annotations

import http.server
import shutil
import socket
import threading
from pathlib import Path

import pytest

from tests.conftest import TODAY, edit

AGG_SQL = "finance/models/core/agg_customer_payment_journey.sql"


def finance_findings(result) -> set[tuple]:
    return {f for f in result.findings() if f[3].startswith("finance/")}


MISTAKES = {
    "as-shipped": None,
    "protected-ref": ("ref('analytics', 'fct_orders', v=1)", "ref('analytics', 'stg_orders')"),
    "unknown-model": ("ref('analytics', 'fct_orders', v=1)", "ref('analytics', 'fct_nope')"),
    "unknown-version": ("ref('analytics', 'fct_orders', v=1)", "ref('analytics', 'fct_orders', v=3)"),
    "latest-version": ("ref('analytics', 'fct_orders', v=1)", "ref('analytics', 'fct_orders')"),
}


def _apply(mesh: Path, case: str) -> None:
    change = MISTAKES[case]
    if change is not None:
        edit(mesh / AGG_SQL, *change)


@pytest.mark.parametrize("case", sorted(MISTAKES))
def test_export_round_trip(case: str, mesh_copy: Path, run_cli) -> None:
    exported = run_cli("export", "analytics", ".", "-o", "analytics.json")
    assert exported.exit_code == 0, exported.stderr
    _apply(mesh_copy, case)
    in_mesh = finance_findings(run_cli("check", ".", "--today", TODAY, "--format", "json"))
    alone = run_cli("check", "finance", "--today", TODAY, "--format", "json", "--upstream", "analytics=analytics.json")
    assert finance_findings(alone) == in_mesh
    assert all(f[0] != "ML006" for f in alone.findings())


def test_interface_file_schema(mesh_copy: Path, run_cli) -> None:
    document = run_cli("export", "analytics", ".").json
    assert document["format"] == "meshlint-interface" and document["version"] == 1
    assert document["project"] == "analytics" and document["dialect"] == "snowflake"
    models = {(m["name"], m["version"]): m for m in document["models"]}
    assert set(models) == {("fct_orders", 1), ("fct_orders", 2), ("stg_customers", None), ("stg_orders", None)}
    v1 = models[("fct_orders", 1)]
    assert v1["deprecation_date"] == "2024-06-30T00:00:00+00:00" and v1["latest_version"] == 2
    assert v1["access"] == "public" and v1["contract_enforced"] is True and v1["columns_closed"] is True
    assert "is_return" not in {c["name"] for c in v1["columns"]}
    assert "columns" not in models[("stg_orders", None)]  # protected: not referenceable elsewhere


def test_settings_name_the_upstream(mesh_copy: Path, run_cli) -> None:
    run_cli("export", "analytics", ".", "-o", "analytics.json")
    shutil.rmtree(mesh_copy / "analytics")
    (mesh_copy / "meshlint.toml").write_text('dialect = "snowflake"\n[upstream.analytics]\nmanifest = "analytics.json"\n')
    result = run_cli("check", ".", "--today", TODAY, "--format", "json")
    assert {c for c, *_ in result.findings()} == {"ML401"}


def test_dependency_without_metadata_is_reported_once(mesh_copy: Path, run_cli) -> None:
    edit(mesh_copy / AGG_SQL, "select * from {{ ref('stg_payments') }}", "select * from {{ ref('analytics', 'stg_customers') }}")
    result = run_cli("check", "finance", "--today", TODAY, "--format", "json")
    assert [(c, p) for c, _, _, p, _ in result.findings()] == [("ML006", "finance/dependencies.yml")]
    assert result.exit_code == 0


def _serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = lambda *a, **k: http.server.SimpleHTTPRequestHandler(*a, directory=str(directory), **k)  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def test_upstream_over_http(mesh_copy: Path, run_cli) -> None:
    run_cli("export", "analytics", ".", "-o", "analytics.json")
    server, url = _serve(mesh_copy)
    try:
        result = run_cli("check", "finance", "--today", TODAY, "--format", "json", "--upstream", f"analytics={url}/analytics.json")
    finally:
        server.shutdown()
    assert {c for c, *_ in result.findings()} == {"ML401"}


def test_unreachable_and_malformed_upstream(mesh_copy: Path, run_cli) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    (mesh_copy / "broken.json").write_text("{not json")
    for location in (f"http://127.0.0.1:{port}/analytics.json", "broken.json", "missing.json"):
        result = run_cli("check", "finance", "--today", TODAY, "--format", "json", "--upstream", f"analytics={location}")
        problems = [d for d in result.json["diagnostics"] if d["code"] == "ML006"]
        assert len(problems) == 1 and problems[0]["severity"] == "error", location
        assert "analytics" in problems[0]["message"]
        assert result.exit_code == 1 and result.stderr == ""


def test_bad_upstream_flag_is_a_usage_error(mesh_copy: Path, run_cli) -> None:
    result = run_cli("check", "finance", "--upstream", "analytics")
    assert result.exit_code == 2 and "NAME=PATH" in result.stderr


@pytest.mark.dbt
@pytest.mark.parametrize("case", sorted(MISTAKES))
def test_manifest_from_real_dbt_parse(case: str, mesh_copy: Path, run_cli, dbt_manifest) -> None:
    _apply(mesh_copy, case)
    shutil.copy(dbt_manifest, mesh_copy / "manifest.json")  # meshlint reads only inside the checked folders
    in_mesh = finance_findings(run_cli("check", ".", "--today", TODAY, "--format", "json"))
    alone = run_cli("check", "finance", "--today", TODAY, "--format", "json", "--upstream", "analytics=manifest.json")
    assert finance_findings(alone) == in_mesh


@pytest.fixture(scope="module")
def dbt_manifest(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """analytics' manifest.json, written by real `dbt parse` (dbt-duckdb) in this test run."""
    runner = pytest.importorskip("dbt.cli.main")
    pytest.importorskip("dbt.adapters.duckdb")
    from tests.conftest import EXAMPLE

    project = tmp_path_factory.mktemp("dbt") / "analytics"
    shutil.copytree(EXAMPLE / "analytics", project)
    (project / "profiles.yml").write_text(
        "analytics:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: analytics.duckdb\n"
    )
    result = runner.dbtRunner().invoke(
        ["parse", "--project-dir", str(project), "--profiles-dir", str(project), "--no-partial-parse",
         "--target-path", str(project / "target"), "--log-path", str(project / "logs")]
    )
    assert result.success, result.exception
    manifest = project / "target" / "manifest.json"
    assert manifest.is_file()
    return manifest
