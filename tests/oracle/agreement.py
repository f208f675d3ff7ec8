"""meshlint's verdict on each oracle case, and the agreement table with real dbt.

`python tests/oracle/agreement.py` prints one row per case: what dbt does (recorded in the case and
proven by test_dbt_verdicts.py against real dbt-core on DuckDB), what meshlint reports, and whether
they agree. A case where dbt is silent (or only warns) and meshlint speaks on purpose is listed as
such, not counted as a disagreement.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import mutations  # noqa: E402

from meshlint.engine import check  # noqa: E402
from meshlint.settings import find_settings_file, load_settings  # noqa: E402

Finding = mutations.Finding


def meshlint_verdict(case: mutations.Case, workdir: Path) -> frozenset[Finding]:
    """meshlint's findings on the mutated mesh, restricted to the oracle's codes."""
    root = mutations.materialize(case, workdir / case.id)
    settings = load_settings(find_settings_file(root))
    result = check([root], settings, mutations.TODAY, root)
    return frozenset(
        (d.code, d.node, d.column_name) for d in result.diagnostics if d.code in mutations.ORACLE_CODES
    )


def dbt_summary(case: mutations.Case) -> str:
    expect = case.dbt
    if expect.outcome == "ok":
        events = ", ".join(sorted({e.split(":")[0] for e in expect.events}))
        return f"ok{' (warns ' + events + ')' if events else ''}"
    where = f"{expect.outcome} error in {expect.project}: {expect.error_class}"
    if expect.contract_rows:
        where += " " + ", ".join(f"{c} {r}" for c, r in sorted(expect.contract_rows))
    return where


def agreement_rows(cases: Iterable[mutations.Case], workdir: Path) -> list[tuple[str, str, str, str]]:
    rows = []
    for case in cases:
        found = meshlint_verdict(case, workdir)
        expected = mutations.expected_codes(case)
        new = sorted(found - mutations.BASE) if case.id != "BASE" else sorted(found)
        shown = ", ".join(f"{c} {n.split('.', 1)[1] if n else ''}{' ' + col if col else ''}" for c, n, col in new) or "-"
        if found != expected:
            verdict = "DISAGREE"
        elif case.dbt_silent:
            verdict = "agree (meshlint speaks where dbt is silent, on purpose)"
        else:
            verdict = "agree"
        rows.append((case.id, dbt_summary(case), shown, verdict))
    return rows


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        rows = agreement_rows(mutations.CASES, Path(tmp))
    print("| case | dbt 1.11 on DuckDB | meshlint (beyond the base findings) | agree? |")
    print("|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |")
    disagree = sum(1 for r in rows if r[3] == "DISAGREE")
    on_purpose = sum(1 for r in rows if "on purpose" in r[3])
    print(f"\n{len(rows)} cases: {len(rows) - disagree} agree ({on_purpose} where meshlint speaks on purpose), {disagree} disagree")
    return 1 if disagree else 0


if __name__ == "__main__":
    sys.exit(main())
