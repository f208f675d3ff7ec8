"""`graph.nodes[...].original_file_path` is relative to the node's own project (or package) root, as in
dbt: packages pick their models from the graph by it (The Tuva Project's data-quality models do)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from meshlint.engine import check
from meshlint.settings import Settings
from tests.oracle.dbt_runner import run_dbt

DAY = datetime.date(2026, 11, 23)
LISTING = """\
{% set names = [] %}
{% if execute %}
{% for node in graph.nodes.values() | sort(attribute='name') %}
  {% if node.resource_type == 'model' and node.original_file_path.startswith('models/staging/') %}
    {% do names.append(node.package_name ~ ':' ~ node.original_file_path ~ ':' ~ node.alias) %}
  {% endif %}
{% endfor %}
{% endif %}
select '{{ names | join(",") }}' as staging_models
"""


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "shop"
    (root / "models" / "staging").mkdir(parents=True)
    (root / "models" / "marts").mkdir()
    (root / "dbt_project.yml").write_text("name: shop\nversion: '1.0'\nconfig-version: 2\nprofile: shop\n")
    (root / "profiles.yml").write_text(f"shop:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: {root / 's.duckdb'}\n")
    (root / "models" / "staging" / "stg_orders.sql").write_text("select 1 as order_id\n")
    (root / "models" / "staging" / "_staging.yml").write_text("models:\n  - name: stg_orders\n    config:\n      alias: orders_v\n")
    (root / "models" / "marts" / "listing.sql").write_text(LISTING)
    package = root / "dbt_packages" / "payments"
    (package / "models" / "staging").mkdir(parents=True)
    (package / "dbt_project.yml").write_text("name: payments\nversion: '1.0'\nconfig-version: 2\n")
    (package / "models" / "staging" / "stg_payments.sql").write_text("select 1 as payment_id\n")
    return root


def _listing(sql: str) -> str:
    return sql.split("'")[1]


def test_listing_reads_paths_relative_to_each_project(tmp_path: Path) -> None:
    root = _project(tmp_path)
    result = check([root], Settings(dialect="duckdb"), DAY, root)
    [node] = [n for n in result.analysed.nodes if n.node.name == "listing"]
    assert node.render is not None and node.render.sql is not None
    assert _listing(node.render.sql) == "shop:models/staging/stg_orders.sql:orders_v,payments:models/staging/stg_payments.sql:stg_payments"


@pytest.mark.dbt
def test_real_dbt_lists_the_same_paths(tmp_path: Path) -> None:
    pytest.importorskip("dbt.adapters.duckdb")
    root = _project(tmp_path)
    run = run_dbt(root, "compile")
    assert run.returncode == 0, run.stdout + run.stderr
    compiled = (root / "target" / "compiled" / "shop" / "models" / "marts" / "listing.sql").read_text()
    assert _listing(compiled) == "shop:models/staging/stg_orders.sql:orders_v,payments:models/staging/stg_payments.sql:stg_payments"
