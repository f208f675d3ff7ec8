"""`meshlint fix` over the rule cases: for each case of a rule that has a fix, fix a copy (unsafe fixes
included), check it again, and require that none of the fixed findings is reported any more, that no
file became unreadable (ML001-ML003), and that each fixable rule is fixed in at least one case."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest

from meshlint.engine import check
from meshlint.fix.fixes import FIX_RULES, make_edits, plan_all
from meshlint.settings import find_settings_file, load_settings

REPO = Path(__file__).resolve().parent.parent
TODAY = datetime.date(2026, 11, 23)
CASES = sorted(
    case
    for rule in FIX_RULES
    for case in (REPO / "rules").glob(f"{rule.code}-*/cases/*")
    if case.is_dir() and not case.name.startswith("good-")
)


def _key(d: object) -> tuple[object, ...]:
    return (d.code, d.node, d.column_name, d.target)  # type: ignore[attr-defined]


def _run(root: Path):  # type: ignore[no-untyped-def]
    settings = load_settings(find_settings_file(root))
    return check([root], settings, TODAY, root)


def _read(path: str) -> str:
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


FIXED: dict[str, int] = {}


@pytest.mark.parametrize("case", CASES, ids=[f"{c.parent.parent.name[:5]}/{c.name}" for c in CASES])
def test_fixed_findings_are_gone(case: Path, tmp_path: Path) -> None:
    root = tmp_path / case.name
    shutil.copytree(case, root)
    before = _run(root)
    planned, _, _ = plan_all(before.diagnostics, before.analysed, unsafe=True)
    files, _ = make_edits(planned, _read, str)
    for file in files:
        assert Path(file.path).resolve().is_relative_to(root.resolve())
        with open(file.path, "w", encoding="utf-8", newline="") as handle:
            handle.write(file.after)
    after = _run(root)
    fixed = {_key(d) for file in files for fix in file.fixes for d in fix.findings}
    remaining = {_key(d) for d in after.diagnostics}
    assert not fixed & remaining, f"still reported after the fix: {sorted(map(str, fixed & remaining))}"
    broken = {d.code for d in after.diagnostics if d.code in ("ML001", "ML002", "ML003")} - {d.code for d in before.diagnostics}
    assert not broken, f"the fix made a file unreadable: {[d.message for d in after.diagnostics if d.code in broken]}"
    for code, _, _, _ in fixed:
        FIXED[code] = FIXED.get(code, 0) + 1


def test_every_fixable_rule_is_fixed_in_some_case() -> None:
    if len(FIXED) == 0:
        pytest.skip("run with the case tests")
    missing = sorted(r.code for r in FIX_RULES if r.code not in FIXED)
    assert not missing, f"no case of {missing} was fixed: add a bad-* case the fix applies to"
