#!/usr/bin/env python3
"""Check a generated mesh against real dbt and DuckDB: the generator's contract `data_type`s must be
the types DuckDB really produces, or `dbt run` fails the contract check.

    /work/.venv-dbt/bin/python benchmarks/dbt_build_check.py /tmp/mesh200

Run it with a Python that has dbt-core, dbt-duckdb and dbt-loom. For each project in `mesh.json`'s
parse order it creates every declared source table (empty, with the YAML `data_type`s) in the
project's DuckDB file, then runs `dbt run` from the project folder (so dbt-duckdb's `path` and
dbt-loom's manifest paths resolve); consumers attach their upstream projects' files read-only.
It prints the nodes that failed and exits 1 if any did. Meant for small meshes (a few hundred
models): it builds every model.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import yaml


def create_sources(project_dir: Path) -> int:
    db = duckdb.connect(str(project_dir / f"{project_dir.name}.duckdb"))
    count = 0
    try:
        for path in sorted((project_dir / "models").rglob("*.yml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            for source in data.get("sources") or []:
                schema = source.get("schema", source["name"])
                db.execute(f'create schema if not exists "{schema}"')
                for table in source.get("tables") or []:
                    columns = ", ".join(f'"{c["name"]}" {c["data_type"]}' for c in table.get("columns") or [])
                    db.execute(f'create or replace table "{schema}"."{table["name"]}" ({columns})')
                    count += 1
    finally:
        db.close()
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mesh", type=Path)
    parser.add_argument("--dbt", default=str(Path(sys.executable).with_name("dbt")), help="the dbt executable")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args(argv)
    mesh = args.mesh.resolve()
    meta = json.loads((mesh / "mesh.json").read_text(encoding="utf-8"))
    failed: list[str] = []
    for name in meta["parse_order"]:
        project_dir = mesh / name
        for leftover in (project_dir / f"{name}.duckdb", project_dir / "target"):
            if leftover.is_dir():
                shutil.rmtree(leftover)
            elif leftover.exists():
                leftover.unlink()
        tables = create_sources(project_dir)
        started = time.perf_counter()
        proc = subprocess.run(
            [args.dbt, "run", "--project-dir", ".", "--profiles-dir", ".", "--threads", str(args.threads),
             "--no-partial-parse", "--no-use-colors", "--no-send-anonymous-usage-stats", "--no-version-check"],
            cwd=project_dir, capture_output=True, text=True, env={**os.environ, "DBT_LOG_PATH": str(project_dir / "logs")},
        )
        seconds = time.perf_counter() - started
        results = project_dir / "target" / "run_results.json"
        bad = []
        if results.exists():
            for result in json.loads(results.read_text(encoding="utf-8"))["results"]:
                if result["status"] not in ("success", "pass"):
                    bad.append(f"{result['unique_id']}: {result['status']}: {(result.get('message') or '').strip()}")
        status = "ok" if proc.returncode == 0 and not bad else "FAILED"
        print(f"{name}: {tables} source tables, dbt run {status} in {seconds:.1f}s")
        if proc.returncode != 0 and not bad:
            bad.append(f"{name}: dbt exited {proc.returncode}:\n{proc.stdout[-4000:]}\n{proc.stderr[-2000:]}")
        for line in bad:
            print("  " + line)
        failed.extend(bad)
        if proc.returncode != 0 and not results.exists():
            break
    print(f"{len(failed)} failure(s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
