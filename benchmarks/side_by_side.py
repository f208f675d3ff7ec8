#!/usr/bin/env python3
"""meshlint and `dbt parse --no-partial-parse` measured side by side on one generated project or mesh,
in the same run, repeated, so that the load of a shared machine falls on both alike.

    python benchmarks/side_by_side.py --shape rich --layout single --models 5000 --repeat 3 \\
        --dbt-python /work/venv/bin/python [--variant fast=/tmp/venv-fast/bin/python]

Each repeat runs, each as a fresh child process measured with os.wait4 (wall, user+system CPU, and
the peak RSS of the largest process: wait4 reports the largest of the child and the descendants it
waited for, so meshlint's worker processes count):

1. `dbt parse --no-partial-parse` in every project, in dependency order (summed; peak = largest);
2. per meshlint variant (`--variant LABEL=PYTHON`, default: this Python):
   * cold: `meshlint check . --format json` with an empty cache folder, default `--jobs`;
   * cold `--jobs 1`, another empty cache folder;
   * warm: after one model's SQL is edited (a comment line appended), with the cache of the cold run;
   * scoped: `meshlint check <the edited file>` (what pre-commit runs) with an empty cache folder;
   * scoped warm: the same with the cache of the cold run.

The edit is undone at the end of each repeat. It prints the medians and every run, the load
average before each repeat, and checks that the cold JSON is the same in both `--jobs` settings.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import DbtRun, Measure, dbt_parse_cmd, measure  # noqa: E402

HERE = Path(__file__).resolve().parent
TODAY = "2026-11-23"


def generate(shape: str, layout: str, models: int, seed: int, out: Path) -> Path:
    cmd = [sys.executable, str(HERE / "generate.py"), "--profile", shape, "--layout", layout,
           "--models", str(models), "--seed", str(seed), "--out", str(out), "--force"]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return out


def dbt_parse(python: str, mesh: Path) -> DbtRun:
    meta = json.loads((mesh / "mesh.json").read_text(encoding="utf-8"))
    env = {**os.environ, "DBT_SEND_ANONYMOUS_USAGE_STATS": "false", "DO_NOT_TRACK": "1"}
    run = DbtRun()
    for name in meta["parse_order"]:
        project_dir = mesh / name
        shutil.rmtree(project_dir / "target", ignore_errors=True)
        m = measure(dbt_parse_cmd(python, partial=False), cwd=project_dir, env=env)
        if m.returncode != 0:
            raise SystemExit(f"dbt parse failed in {project_dir}:\n{m.stdout[-3000:]}\n{m.stderr[-3000:]}")
        run.add(name, m, project_dir)
    return run


def meshlint(python: str, mesh: Path, cache: Path, *args: str, env_extra: dict[str, str] | None = None) -> tuple[Measure, str]:
    env = {**os.environ, "MESHLINT_CACHE_DIR": str(cache), **(env_extra or {})}
    cmd = [python, "-m", "meshlint.cli", "check", *args, "--today", TODAY, "--format", "json", "--exit-zero"]
    m = measure(cmd, cwd=mesh, env=env)
    if m.returncode != 0:
        raise SystemExit(f"meshlint failed ({m.returncode}): {' '.join(cmd)}\n{m.stderr[-3000:]}")
    return m, m.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shape", choices=["simple", "rich"], default="rich")
    parser.add_argument("--layout", choices=["single", "mesh"], default="single")
    parser.add_argument("--models", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/meshlint-side-by-side"))
    parser.add_argument("--dbt-python", help="a Python with dbt-core, dbt-duckdb (and dbt-loom for a mesh)")
    parser.add_argument("--variant", action="append", default=[], metavar="LABEL=PYTHON",
                        help="a meshlint install to measure (repeatable; default: this Python)")
    parser.add_argument("--skip", action="append", default=[], help="cold | jobs1 | warm | scoped | scoped-warm")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    variants = [v.split("=", 1) for v in args.variant] or [["default", sys.executable]]
    mesh = generate(args.shape, args.layout, args.models, args.seed, args.work / f"{args.shape}-{args.layout}-{args.models}")
    meta = json.loads((mesh / "mesh.json").read_text(encoding="utf-8"))
    edited = mesh / meta["edit_for_partial_parse"]
    original = edited.read_text(encoding="utf-8")
    results: dict[str, list[dict[str, float]]] = {}

    def record(label: str, m: Measure | DbtRun, load: float) -> None:
        results.setdefault(label, []).append({"wall": m.wall, "cpu": m.cpu, "rss_mb": m.rss_mb, "load": load})
        print(f"  {label}: {m.wall:.2f} s wall, {m.cpu:.2f} s CPU, {m.rss_mb:.0f} MB", file=sys.stderr, flush=True)

    for repeat in range(args.repeat):
        load = os.getloadavg()[0]
        print(f"repeat {repeat + 1}, load average {load:.2f}", file=sys.stderr, flush=True)
        if args.dbt_python:
            record("dbt parse --no-partial-parse", dbt_parse(args.dbt_python, mesh), load)
        for label, python in variants:
            caches = args.work / "caches"
            shutil.rmtree(caches, ignore_errors=True)
            outputs = {}
            if "cold" not in args.skip:
                m, outputs["cold"] = meshlint(python, mesh, caches / "cold", ".")
                record(f"meshlint {label} cold", m, load)
            if "jobs1" not in args.skip:
                m, outputs["jobs1"] = meshlint(python, mesh, caches / "jobs1", ".", "--jobs", "1")
                record(f"meshlint {label} cold --jobs 1", m, load)
            if "cold" in outputs and "jobs1" in outputs and outputs["cold"] != outputs["jobs1"]:
                raise SystemExit("the JSON of --jobs 1 differs from the default's")
            edited.write_text(original + "-- edited by side_by_side.py\n", encoding="utf-8")
            try:
                if "warm" not in args.skip:
                    m, _ = meshlint(python, mesh, caches / "cold", ".")
                    record(f"meshlint {label} warm, one model edited", m, load)
                if "scoped" not in args.skip:
                    m, _ = meshlint(python, mesh, caches / "scoped", str(edited.relative_to(mesh)))
                    record(f"meshlint {label} scoped to the edited file, empty cache", m, load)
                if "scoped-warm" not in args.skip:
                    m, _ = meshlint(python, mesh, caches / "cold", str(edited.relative_to(mesh)))
                    record(f"meshlint {label} scoped to the edited file, warm", m, load)
            finally:
                edited.write_text(original, encoding="utf-8")

    dbt = results.get("dbt parse --no-partial-parse")
    dbt_wall = statistics.median(r["wall"] for r in dbt) if dbt else None
    dbt_rss = statistics.median(r["rss_mb"] for r in dbt) if dbt else None
    loads = sorted({round(r["load"], 2) for runs in results.values() for r in runs})
    print(f"\n{args.models} models, {args.shape} SQL, {args.layout} layout; {args.repeat} repeat(s), "
          f"{os.cpu_count()} CPUs, load average {loads[0]:.2f}-{loads[-1]:.2f} before the repeats\n")
    print("| run | wall (median) | runs | ratio to dbt parse | CPU | peak RSS (largest process) |")
    print("|---|---:|---|---:|---:|---:|")
    for label, runs in results.items():
        wall = statistics.median(r["wall"] for r in runs)
        ratio = f"{wall / dbt_wall:.2f}x" if dbt_wall else "-"
        rss = statistics.median(r["rss_mb"] for r in runs)
        rss_ratio = f" ({rss / dbt_rss:.2f}x)" if dbt_rss and not label.startswith("dbt") else ""
        print(f"| {label} | {wall:.2f} s | {' / '.join(format(r['wall'], '.1f') for r in runs)} | {ratio} | "
              f"{statistics.median(r['cpu'] for r in runs):.1f} s | {rss:.0f} MB{rss_ratio} |")
    if args.json:
        args.json.write_text(json.dumps({"args": vars(args) | {"work": str(args.work), "json": str(args.json)},
                                         "results": results}, indent=2, default=str) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
