"""`meshlint lineage`: per-column lineage of SQL (pure cases), then the command on the bundled example mesh in
every format (JSON checked against its schema, dot rendered by Graphviz)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest

from meshlint.lineage.columns import STAR_OVER_QUERY, UNRESOLVED, column_lineage
from tests.conftest import TODAY

SCHEMA = json.loads((Path(__file__).resolve().parent.parent / "meshlint" / "lineage" / "schema.json").read_text())

# (sql, tables {token: (columns, complete)}, {output: ([(table, column, direct)], unknown reason or None)})
CASES = [
    pytest.param(
        "with o as (select * from t) select o.id as order_id, upper(name) as name from o",
        {"t": (("id", "name"), True)},
        {"order_id": ([("t", "id", True)], None), "name": ([("t", "name", False)], None)},
        id="star-cte-expanded",
    ),
    pytest.param(
        "with o as (select * from src) select id as payment_id, amount from o",
        {"src": (("id",), False)},
        {"payment_id": ([("src", "id", True)], None), "amount": ([("src", "amount", True)], None)},
        id="star-over-partial-source-passes-through",
    ),
    pytest.param(
        "select a.id, b.total from a join (select id, sum(x) as total from b group by id) b using (id)",
        {"a": (("id",), True), "b": (("id", "x"), True)},
        {"id": ([("a", "id", True)], None), "total": ([("b", "x", False)], None)},
        id="join-and-derived-table",
    ),
    pytest.param(
        "select id, 1 as one from a union all select key, n from b",
        {"a": (("id",), True), "b": (("key", "n"), True)},
        {"id": ([("a", "id", True), ("b", "key", True)], None), "one": ([("b", "n", True)], None)},
        id="union-by-position",
    ),
    pytest.param(
        "select id, (select max(v) from c) as top from a",
        {"a": (("id",), True), "c": (("v",), True)},
        {"id": ([("a", "id", True)], None), "top": ([("c", "v", False)], None)},
        id="scalar-subquery",
    ),
    pytest.param(
        "select amount from a join b on a.id = b.id",
        {"a": (("id",), False), "b": (("id",), False)},
        {"amount": ([], UNRESOLVED)},
        id="unqualified-over-two-partial-tables-is-unknown",
    ),
    pytest.param(
        "with x as (select * from a join b on a.id = b.id) select amount from x",
        {"a": (("id",), False), "b": (("id",), False)},
        {"amount": ([], STAR_OVER_QUERY)},
        id="star-over-a-join-of-partial-tables-is-unknown",
    ),
    pytest.param(
        "select id from",
        {},
        {"id": ([], "the SQL does not parse")},
        id="unparseable",
    ),
]


@pytest.mark.parametrize(("sql", "tables", "expected"), CASES)
def test_column_lineage(sql: str, tables: dict, expected: dict) -> None:
    found = column_lineage(sql, "duckdb", tables, tuple(expected))
    assert {c.column: ([(o.table, o.column, o.direct) for o in c.origins], c.unknown) for c in found} == expected


def test_upstream_column_across_projects(mesh_copy: Path, run_cli) -> None:
    run = run_cli("lineage", "agg_customer_payment_journey.days_as_customer_at_purchase", "--upstream", "--format", "json", "--today", TODAY)
    assert run.exit_code == 0, run.stderr
    doc = run.json
    jsonschema.validate(doc, SCHEMA)
    assert doc["level"] == "column"
    assert doc["roots"] == [{"node": "model.finance.agg_customer_payment_journey", "column": "DAYS_AS_CUSTOMER_AT_PURCHASE"}]
    edges = {(e["from"]["node"], e["from"]["column"], e["to"]["node"], e["to"]["column"], e["kind"]) for e in doc["column_edges"]}
    assert edges == {
        ("model.analytics.fct_orders.v1", "DAYS_AS_CUSTOMER_AT_PURCHASE", "model.finance.agg_customer_payment_journey", "DAYS_AS_CUSTOMER_AT_PURCHASE", "direct"),
        ("model.analytics.stg_orders", "ORDER_DATE", "model.analytics.fct_orders.v1", "DAYS_AS_CUSTOMER_AT_PURCHASE", "derived"),
        ("source.analytics.jaffle_shop.orders", "order_date", "model.analytics.stg_orders", "ORDER_DATE", "direct"),
    }
    nodes = {n["id"]: n for n in doc["nodes"]}
    v1 = nodes["model.analytics.fct_orders.v1"]
    assert (v1["access"], v1["contract"], v1["version"], v1["latest_version"], v1["deprecated"], v1["distance"]) == ("public", True, "1", "2", True, -1)
    assert [f["code"] for f in v1["findings"]] == ["ML403"]
    consumer = nodes["model.finance.agg_customer_payment_journey"]
    assert (consumer["access"], consumer["contract"], consumer["columns_closed"]) == ("protected", False, False)
    assert [f["code"] for f in consumer["findings"]] == ["ML401"]
    [pin] = [e for e in doc["edges"] if e["from"] == "model.analytics.fct_orders.v1"]
    assert (pin["pinned_version"], pin["cross_project"], pin["follows_latest"]) == ("1", True, False)


def test_model_lineage_downstream_of_every_version(mesh_copy: Path, run_cli) -> None:
    run = run_cli("lineage", "analytics.fct_orders", "--downstream", "--format", "json", "--today", TODAY)
    doc = run.json
    jsonschema.validate(doc, SCHEMA)
    assert [r["node"] for r in doc["roots"]] == ["model.analytics.fct_orders.v1", "model.analytics.fct_orders.v2"]
    assert [(e["from"], e["to"], e["pinned_version"]) for e in doc["edges"]] == [
        ("model.analytics.fct_orders.v1", "model.finance.agg_customer_payment_journey", "1")
    ]
    assert {n["id"]: n["distance"] for n in doc["nodes"]} == {
        "model.analytics.fct_orders.v1": 0, "model.analytics.fct_orders.v2": 0, "model.finance.agg_customer_payment_journey": 1,
    }


def test_depth_limits_the_walk(mesh_copy: Path, run_cli) -> None:
    doc = run_cli("lineage", "model.finance.agg_customer_payment_journey", "--upstream", "--depth", "1", "--format", "json").json
    assert sorted(n["id"] for n in doc["nodes"]) == [
        "model.analytics.fct_orders.v1", "model.finance.agg_customer_payment_journey", "model.finance.stg_payments",
    ]


def test_unknown_edges_where_inference_is_open(mesh_copy: Path, run_cli) -> None:
    core = mesh_copy / "finance" / "models" / "core"
    (core / "orphan.sql").write_text("select * from {{ ref('nowhere') }}\n")
    (core / "mystery.sql").write_text(
        "select p.order_id, s.paymentmethod as method, status\n"
        "from {{ ref('stg_payments') }} p\n"
        "join {{ source('stripe', 'payment') }} s on s.id = p.payment_id\n"
        "join {{ ref('analytics', 'fct_orders', v=1) }} o on o.order_id = p.order_id\n"
    )
    doc = run_cli("lineage", "orphan", "--upstream", "--format", "json").json
    jsonschema.validate(doc, SCHEMA)
    # finance has not installed dbt_utils, so `nowhere` may be one of its models
    assert [(e["from"], e["to"], e["kind"], e["reason"]) for e in doc["edges"]] == [
        (None, "model.finance.orphan", "unknown", "`ref('nowhere')` may name a model of a package that is not installed")
    ]
    # `status` is a column of fct_orders v1, and the source's YAML list (which may be partial) has one too
    columns = run_cli("lineage", "mystery.status", "--upstream", "--format", "json").json
    jsonschema.validate(columns, SCHEMA)
    assert [(e["from"], e["kind"], e["reason"]) for e in columns["column_edges"]] == [(None, "unknown", UNRESOLVED)]
    text = run_cli("lineage", "mystery.method", "--upstream").stdout
    assert "finance.stripe.payment.paymentmethod (varchar)  (direct)" in text


def test_text_output(mesh_copy: Path, run_cli) -> None:
    run = run_cli("lineage", "agg_customer_payment_journey", "--upstream", "--depth", "1", "--today", TODAY)
    assert run.exit_code == 0
    assert run.stdout.splitlines() == [
        "finance.agg_customer_payment_journey  [finance · protected · no contract · columns open · 1 error]",
        "  upstream:",
        "    <- analytics.fct_orders v1  [analytics · public · contract enforced · v1 (latest v2) · deprecated 2024-06-30 · 1 warning]  (pins v1, cross-project)",
        "    <- finance.stg_payments  [finance · protected · no contract]",
    ]


@pytest.mark.parametrize(
    ("selector", "message"),
    [
        ("fct_ordrs", "no model, seed, snapshot or source `fct_ordrs` in the mesh; did you mean `fct_orders`?"),
        ("fct_orders.v1.statu", "`fct_orders.v1` has no column `statu`; did you mean `fct_orders.v1.STATUS`?"),
    ],
)
def test_unknown_selector_is_a_usage_error(mesh_copy: Path, run_cli, selector: str, message: str) -> None:
    run = run_cli("lineage", selector)
    assert (run.exit_code, run.stderr.strip()) == (2, f"meshlint: error: {message}")


def test_readme_shows_what_lineage_prints(run_cli, monkeypatch) -> None:
    from tests.conftest import REPO

    monkeypatch.chdir(REPO)
    command = "meshlint lineage agg_customer_payment_journey.days_as_customer_at_purchase examples/jaffle-mesh --upstream --today 2026-11-23"
    shown = (REPO / "README.md").read_text(encoding="utf-8").split(f"$ {command}\n", 1)[1].split("```", 1)[0]
    assert run_cli(*command.split()[1:]).stdout == shown


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"`{name}` is not installed: .ci/run installs it")
        pytest.skip(f"`{name}` is not installed")
    return found


def test_dot_renders_with_graphviz(mesh_copy: Path, run_cli, tmp_path: Path) -> None:
    dot = _tool("dot")
    for selector in ("agg_customer_payment_journey", "agg_customer_payment_journey.days_as_customer_at_purchase"):
        source = run_cli("lineage", selector, "--format", "dot", "--today", TODAY).stdout
        rendered = subprocess.run([dot, "-Tsvg"], input=source, capture_output=True, text=True, timeout=60)
        assert rendered.returncode == 0, rendered.stderr
        assert rendered.stderr == ""
        assert "<svg" in rendered.stdout and "fct_orders v1" in rendered.stdout
