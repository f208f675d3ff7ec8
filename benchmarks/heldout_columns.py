#!/usr/bin/env python3
"""Measure column inference on a held-out set: build a dbt project with real dbt on DuckDB, read each model's
columns back from DuckDB, and compare with what meshlint infers from the source tree.

    python benchmarks/heldout_columns.py                       # the set in benchmarks/heldout_columns/
    python benchmarks/heldout_columns.py PROJECT --json out.json --meshlint-src /path/to/meshlint

Each model is one of: closed with exactly DuckDB's names in DuckDB's order (right), closed with other names or
order (wrong), or open (meshlint says it does not know them all, and why). A model dbt could not build is
listed apart (and is wrong if meshlint closed it). Run with a Python that has dbt-core, dbt-duckdb and meshlint's
dependencies (the project venv has them); dbt runs in a subprocess of the same Python.
"""

from __future__ import annotations

import argparse
import datetime
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

_BUILD = r"""
import json, sys
from pathlib import Path
import duckdb
from dbt.cli.main import dbtRunner
project = Path(sys.argv[1])
if sys.argv[2] == "build":
    dbtRunner().invoke(["build", "--project-dir", str(project), "--profiles-dir", str(project), "--quiet"])
    raise SystemExit(0)
manifest = json.loads((project / "target" / "manifest.json").read_text())
run = json.loads((project / "target" / "run_results.json").read_text())
status = {r["unique_id"]: r["status"] for r in run["results"]}
con = duckdb.connect(str(project / "heldout.duckdb"), read_only=True)
out = {}
for uid, node in manifest["nodes"].items():
    if node["resource_type"] != "model" or node["config"].get("materialized") == "ephemeral":
        continue  # an ephemeral model is inlined into its children: it has no relation to read back
    columns = con.execute(
        "select column_name from information_schema.columns where table_schema = ? and table_name = ?"
        " order by ordinal_position", [node["schema"], node["alias"]]).fetchall()
    out[uid] = {"status": status.get(uid), "columns": [c[0] for c in columns]}
print(json.dumps(out))
"""


def build(project: Path) -> dict[str, dict[str, object]]:
    work = Path(tempfile.mkdtemp(prefix="heldout-")) / project.name
    shutil.copytree(project, work, ignore=shutil.ignore_patterns("target", "logs", "*.duckdb*"))
    subprocess.run([sys.executable, "-c", _BUILD, str(work), "build"], cwd=work, capture_output=True, text=True, check=False)
    proc = subprocess.run([sys.executable, "-c", _BUILD, str(work), "read"], cwd=work, capture_output=True, text=True, check=False)
    if proc.returncode != 0 or not proc.stdout.strip():
        raise SystemExit(f"dbt build failed to report:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def infer(project: Path) -> dict[str, tuple[list[str], bool, list[str]]]:
    from meshlint.engine import check
    from meshlint.settings import find_settings_file, load_settings

    result = check([project], load_settings(find_settings_file(project)), datetime.date(2026, 1, 1), project)
    found = {}
    for node in result.analysed.nodes:
        columns = node.columns
        if columns is None:
            found[node.unique_id] = ([], False, ["not inferred (see `meshlint check`)"])
        else:
            found[node.unique_id] = ([c.name for c in columns.columns], columns.closed, list(columns.reasons))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path, nargs="?", default=HERE / "heldout_columns")
    parser.add_argument("--meshlint-src", type=Path, default=HERE.parent, help="the meshlint source to measure")
    parser.add_argument("--json", type=Path, help="write the per-model results here")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(args.meshlint_src.resolve()))
    project = args.project.resolve()
    built = build(project)
    inferred = infer(project)
    rows = []
    counts = {"right": 0, "wrong": 0, "open": 0, "not built": 0, "closed but not built": 0}
    for uid in sorted(built):
        actual = built[uid]
        names, closed, reasons = inferred.get(uid, ([], False, ["not analysed"]))
        if actual["status"] != "success":
            verdict = "closed but not built" if closed else "not built"
        elif not closed:
            verdict = "open"
        else:
            verdict = "right" if names == actual["columns"] else "wrong"
        counts[verdict] += 1
        rows.append({"model": uid, "verdict": verdict, "meshlint": names, "duckdb": actual["columns"], "reasons": reasons})
    measured = counts["right"] + counts["wrong"] + counts["open"]
    print(f"{len(rows)} models, {measured} built by dbt on DuckDB")
    print(f"closed with exactly DuckDB's names and order: {counts['right']} ({100 * counts['right'] / measured:.1f}%)")
    print(f"closed with wrong names or order: {counts['wrong']}")
    print(f"open: {counts['open']}; dbt could not build: {counts['not built']} (of which meshlint closed {counts['closed but not built']})")
    for row in rows:
        if row["verdict"] != "right":
            detail = "; ".join(row["reasons"]) if row["verdict"] in ("open", "not built") else f"meshlint {row['meshlint']}, DuckDB {row['duckdb']}"
            print(f"  {row['verdict']:>6}: {row['model']}: {detail}")
    if args.json:
        args.json.write_text(json.dumps({"counts": counts, "models": rows}, indent=1) + "\n", encoding="utf-8")
    return 1 if counts["wrong"] or counts["closed but not built"] else 0


if __name__ == "__main__":
    sys.exit(main())
