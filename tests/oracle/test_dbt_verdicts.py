"""Prove the mutation table against real dbt: for each case, dbt does what `case.dbt` says.

Needs dbt-core, dbt-duckdb and dbt-loom (requirements-oracle.txt). Skipped when dbt cannot be
imported, unless $MESHLINT_DBT_PYTHON names an interpreter that has it. Run with:

    /work/.venv-dbt/bin/python -m pytest tests/oracle -q -m dbt -p no:cacheprovider --override-ini addopts=
"""

from __future__ import annotations

import os

import pytest

if not os.environ.get("MESHLINT_DBT_PYTHON"):
    pytest.importorskip("dbt.cli.main", reason="dbt-core is not installed (see requirements-oracle.txt)")

import mutations
from dbt_runner import DbtVerdict, dbt_verdicts

pytestmark = pytest.mark.dbt


@pytest.fixture(scope="session")
def verdicts() -> dict[str, DbtVerdict]:
    return dbt_verdicts()


def _describe(verdict: DbtVerdict) -> str:
    lines = [verdict.summary()]
    if verdict.message:
        lines.append(verdict.message[:1500])
    for err in verdict.node_errors:
        lines.append(f"{err.unique_id}: {err.error_class}: {err.message[:600]}")
    for name, msg in verdict.other_warnings:
        lines.append(f"warning {name}: {msg[:300]}")
    return "\n".join(lines)


@pytest.mark.parametrize("case", mutations.CASES, ids=lambda case: case.id)
def test_dbt_does_what_the_case_says(case: mutations.Case, verdicts: dict[str, DbtVerdict]) -> None:
    verdict = verdicts[case.id]
    expect = case.dbt
    seen = _describe(verdict)

    assert (verdict.stage, verdict.project) == (expect.outcome, expect.project), seen
    assert verdict.error_class == expect.error_class, seen
    if expect.outcome == "parse":
        assert verdict.message is not None, seen
        for text in expect.message:
            assert text in verdict.message, seen
    if expect.outcome == "build":
        assert verdict.failing_nodes == expect.failing_nodes, seen
        for err in verdict.node_errors:
            assert err.error_class == expect.error_class, seen
            for text in expect.message:
                assert text in err.message, seen
        if expect.error_class == "ContractError":
            # every failing node reports a table, and together they give exactly the expected rows
            assert all(err.contract_table for err in verdict.node_errors), seen
            assert verdict.contract_rows == expect.contract_rows, seen
    assert verdict.event_keys == expect.events, seen


@pytest.mark.parametrize(
    "case", [case for case in mutations.CASES if case.dbt_silent], ids=lambda case: case.id
)
def test_dbt_is_silent_where_meshlint_speaks(case: mutations.Case, verdicts: dict[str, DbtVerdict]) -> None:
    """dbt succeeds and says nothing it does not already say about the unmutated mesh."""
    verdict, base = verdicts[case.id], verdicts["BASE"]
    seen = _describe(verdict)
    assert verdict.stage == "ok", seen
    assert verdict.event_keys <= base.event_keys, seen
    assert {name for name, _ in verdict.other_warnings} <= {name for name, _ in base.other_warnings}, seen
    assert case.expected - mutations.BASE, f"{case.id}: dbt_silent, but meshlint is expected to add nothing"


def test_unmutated_mesh_builds_everything(verdicts: dict[str, DbtVerdict]) -> None:
    base = verdicts["BASE"]
    commands = [(inv.project, inv.command, inv.success) for inv in base.invocations]
    assert commands == [
        ("analytics", "parse", True),
        ("analytics", "build", True),
        ("finance", "parse", True),
        ("finance", "build", True),
    ]
    assert not base.other_warnings, _describe(base)
