"""Real dbt on each side of `downstream_pairs`: build `up`, then `down` (dbt-loom reading `up`'s
manifest, DuckDB attaching `up`'s database), first for the base and then for the head, and report
which of `down`'s models failed on each side.

Run as `python downstream_runner.py WORKDIR`: prints {"base": [...], "head": [...]} (failing
unique ids) as JSON on stdout; exits 1 when `up` itself does not build.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def failing(workdir: Path) -> dict[str, list[str]]:
    sys.path.insert(0, str(HERE))
    import downstream_pairs
    from dbt_runner import _DbtSession

    session = _DbtSession()
    found: dict[str, list[str]] = {}
    for side in ("base", "head"):
        root = workdir / side
        downstream_pairs.write_mesh(root, head=side == "head")
        events: list = []
        warnings: list = []
        up = session.run_project(root / downstream_pairs.UP, events, warnings)
        if not all(inv.success for inv in up):
            raise SystemExit(f"`up` does not build on the {side} side: {up}")
        down = session.run_project(root / downstream_pairs.DOWN, events, warnings)
        if not down or not down[0].success:
            raise SystemExit(f"`down` does not parse on the {side} side: {down}")
        found[side] = sorted({err.unique_id for inv in down for err in inv.node_errors})
    return found


if __name__ == "__main__":
    protocol = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)  # anything dbt prints goes to stderr, never into the answer
    protocol.write(json.dumps(failing(Path(sys.argv[1]))) + "\n")
    protocol.flush()
