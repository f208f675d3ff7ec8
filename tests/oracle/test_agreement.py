"""meshlint gives, on every oracle case, exactly the verdict the case records; test_dbt_verdicts.py
proves the same cases against real dbt. Together: meshlint agrees with dbt, case by case."""

from __future__ import annotations

from pathlib import Path

import mutations
import pytest
from agreement import agreement_rows, meshlint_verdict

import meshlint.engine


@pytest.mark.parametrize("case", mutations.CASES, ids=lambda case: case.id)
def test_meshlint_gives_the_case_verdict(case: mutations.Case, tmp_path: Path) -> None:
    assert meshlint_verdict(case, tmp_path) == mutations.expected_codes(case)


def test_a_wrong_meshlint_verdict_is_caught(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Sabotage: without ML101, the missing-column case no longer agrees."""
    original = meshlint.engine.active_rules
    monkeypatch.setattr(meshlint.engine, "active_rules", lambda s: tuple(r for r in original(s) if r.code != "ML101"))
    case = next(c for c in mutations.CASES if any(code == "ML101" for code, _, _ in c.expected))
    rows = agreement_rows([case], tmp_path)
    assert rows[0][3] == "DISAGREE"
