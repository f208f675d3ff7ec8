"""The mutation table is well formed and every case applies cleanly to the mesh (no dbt needed)."""

from __future__ import annotations

from pathlib import Path

import mutations
import pytest
from dbt_runner import MESH_DIR, parse_contract_table

NODE_PREFIXES = ("model.analytics.", "model.finance.")


def test_enough_cases_with_unique_ids() -> None:
    ids = [case.id for case in mutations.CASES]
    assert len(ids) >= 55
    assert len(set(ids)) == len(ids)
    assert ids[0] == "BASE"


@pytest.mark.parametrize("case", mutations.CASES, ids=lambda case: case.id)
def test_case_is_well_formed(case: mutations.Case) -> None:
    expected = mutations.expected_codes(case)
    assert isinstance(expected, frozenset)
    for code, node, column in expected:
        assert code in mutations.ORACLE_CODES
        assert node is None or node.startswith(NODE_PREFIXES)
        assert column is None or isinstance(column, str)
    expect = case.dbt
    assert (expect.outcome == "ok") == (expect.project is None) == (expect.error_class is None)
    assert expect.failing_nodes == frozenset() or expect.outcome == "build"
    if case.dbt_silent:
        assert expect.outcome == "ok"
        assert expected - mutations.BASE


@pytest.mark.parametrize("case", mutations.CASES, ids=lambda case: case.id)
def test_case_applies_to_the_mesh(case: mutations.Case, tmp_path: Path) -> None:
    before = {p.relative_to(MESH_DIR): p.read_bytes() for p in MESH_DIR.rglob("*") if p.is_file()}
    root = mutations.materialize(case, tmp_path / "mesh")
    after = {p.relative_to(root): p.read_bytes() for p in root.rglob("*") if p.is_file()}
    assert (before == after) == (case.id == "BASE")


def test_mesh_has_no_build_outputs() -> None:
    leftovers = [
        p
        for p in MESH_DIR.rglob("*")
        if p.name in ("target", "logs", "dbt_packages", "package-lock.yml") or p.suffix == ".duckdb"
    ]
    assert not leftovers


def test_parse_contract_table() -> None:
    message = """Compilation Error in model fct_orders (models/core/fct_orders_v2.sql)
  This model has an enforced contract that failed.
  Please ensure the name, data_type, and number of columns in your contract match the columns in your model's definition.

  | column_name  | definition_type | contract_type | mismatch_reason       |
  | ------------ | --------------- | ------------- | --------------------- |
  | Order_ID     |                 | INTEGER       | missing in definition |
  | order_status | VARCHAR         |               | missing in contract   |
"""
    assert parse_contract_table(message) == (
        ("Order_ID", "", "INTEGER", "missing in definition"),
        ("order_status", "VARCHAR", "", "missing in contract"),
    )
