#!/usr/bin/env python3
"""Time meshlint (and, when available, `dbt parse`) on generated meshes of several sizes.

    python benchmarks/run.py                                   # sizes 500 2000 5000, meshlint only
    python benchmarks/run.py --sizes 500 2000 --dbt-python /work/.venv-dbt/bin/python
    python benchmarks/run.py --profile --profile-size 2000     # cProfile of one in-process run

For each size it generates a mesh with benchmarks/generate.py (same seed, same files), then runs,
each as a fresh child process, measured with os.wait4 (wall time, user+system CPU time, and the
peak resident set size of that one process):

* `meshlint check MESH --today ... --format json` twice, with a fresh cache folder per size
  (`MESHLINT_CACHE_DIR`): *cold* (the first run on the new tree, empty cache) and *warm* (after
  appending a comment line to one core model's SQL, the edit dbt's partial parse gets too);
* with `--dbt-python`, in each project in dependency order (core, finance, marketing, ops; the
  consumers read the upstream target/manifest.json through dbt-loom): `dbt parse --no-partial-parse`
  (the full parse), then, after editing one core model's SQL (a comment line appended), `dbt parse`
  with partial parsing. Times are summed over the projects (`--dbt-scope core` times the core
  project alone); peak memory is the largest of the projects' processes.

It prints a markdown table (and `--json FILE` keeps the raw numbers). Wall times on a shared machine
move with its load; the CPU seconds are steadier, and are printed too.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
GENERATOR = HERE / "generate.py"
DEFAULT_TODAY = "2026-11-23"


@dataclass
class Measure:
    wall: float
    cpu: float
    rss_mb: float
    returncode: int
    stdout: str = field(default="", repr=False)
    stderr: str = field(default="", repr=False)


def measure(cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> Measure:
    """Run `cmd` as one child process; wall time, its CPU time and its own peak RSS (os.wait4)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Measure(
            wall=wall,
            cpu=usage.ru_utime + usage.ru_stime,
            rss_mb=usage.ru_maxrss / 1024,  # KiB on Linux
            returncode=proc.returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
        )


def generate(size: int, seed: int, work: Path, extended_macros: bool, cast_sums: bool = False) -> Path:
    mesh = work / f"mesh{size}"
    cmd = [sys.executable, str(GENERATOR), "--models", str(size), "--seed", str(seed), "--out", str(mesh), "--force"]
    if extended_macros:
        cmd.append("--extended-macros")
    if cast_sums:
        cmd.append("--cast-sums")
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return mesh


# ---------------------------------------------------------------------------------------------------
# meshlint
# ---------------------------------------------------------------------------------------------------


MESHLINT_ENV: dict[str, str] | None = None  # set by --meshlint-src / --meshlint-rev


def export_revision(rev: str, work: Path) -> Path:
    """`git archive` the meshlint package at `rev` into the work folder (the repository is not touched)."""
    sha = subprocess.run(["git", "rev-parse", "--short", rev], cwd=HERE, capture_output=True, text=True, check=True).stdout.strip()
    target = work / f"meshlint-src-{sha}"
    if not (target / "meshlint" / "__init__.py").exists():
        target.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "archive", sha, "meshlint"], cwd=HERE.parent, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


def use_source(src: Path) -> None:
    global MESHLINT_ENV
    MESHLINT_ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(src.resolve()), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)}


def meshlint_cmd(python: str, mesh: Path, today: str) -> list[str]:
    return [python, "-m", "meshlint.cli", "check", str(mesh), "--today", today, "--format", "json", "--exit-zero"]


def run_meshlint(python: str, mesh: Path, today: str) -> tuple[Measure, dict[str, int]]:
    env = {**(MESHLINT_ENV or os.environ), "MESHLINT_CACHE_DIR": str(mesh.parent / f"{mesh.name}-cache")}
    result = measure(meshlint_cmd(python, mesh, today), cwd=mesh.parent, env=env)
    if result.returncode != 0:
        raise SystemExit(f"meshlint failed ({result.returncode}):\n{result.stderr[-3000:]}")
    summary = json.loads(result.stdout)["summary"]
    return result, summary


# ---------------------------------------------------------------------------------------------------
# dbt
# ---------------------------------------------------------------------------------------------------


def dbt_available(python: str | None) -> bool:
    if not python:
        return False
    check = subprocess.run(
        [python, "-c", "import dbt.version, dbt.adapters.duckdb"], capture_output=True, text=True
    )
    return check.returncode == 0


def dbt_parse_cmd(python: str, partial: bool) -> list[str]:
    flags = ["--partial-parse"] if partial else ["--no-partial-parse"]
    return [
        python, "-c", "import sys; from dbt.cli.main import cli; sys.exit(cli())",
        "parse", "--project-dir", ".", "--profiles-dir", ".", *flags,
        "--no-use-colors", "--no-send-anonymous-usage-stats", "--no-version-check", "--quiet",
    ]  # fmt: skip


@dataclass
class DbtRun:
    wall: float = 0.0
    cpu: float = 0.0
    rss_mb: float = 0.0
    per_project: dict[str, float] = field(default_factory=dict)
    parsed_paths: dict[str, int] = field(default_factory=dict)  # from target/perf_info.json
    dbt_internal_s: float = 0.0  # perf_info.json load_all_elapsed, summed: the parse without process start-up

    def add(self, project: str, m: Measure, project_dir: Path) -> None:
        self.wall += m.wall
        self.cpu += m.cpu
        self.rss_mb = max(self.rss_mb, m.rss_mb)
        self.per_project[project] = round(m.wall, 3)
        perf = project_dir / "target" / "perf_info.json"
        if perf.exists():
            info = json.loads(perf.read_text(encoding="utf-8"))
            self.parsed_paths[project] = int(info.get("parsed_path_count") or 0)
            self.dbt_internal_s += float(info.get("load_all_elapsed") or 0.0)


def run_dbt(python: str, mesh: Path, scope: str) -> tuple[DbtRun, DbtRun]:
    meta = json.loads((mesh / "mesh.json").read_text(encoding="utf-8"))
    projects = meta["parse_order"] if scope == "mesh" else ["core"]
    env = {**os.environ, "DBT_SEND_ANONYMOUS_USAGE_STATS": "false", "DO_NOT_TRACK": "1"}
    full, partial = DbtRun(), DbtRun()
    for name in projects:  # in dependency order: dbt-loom reads the upstream target/manifest.json
        project_dir = mesh / name
        shutil.rmtree(project_dir / "target", ignore_errors=True)
        m = measure(dbt_parse_cmd(python, partial=False), cwd=project_dir, env=env)
        if m.returncode != 0:
            raise SystemExit(f"dbt parse failed in {project_dir} ({m.returncode}):\n{m.stdout[-3000:]}\n{m.stderr[-3000:]}")
        full.add(name, m, project_dir)
    edited = mesh / meta["edit_for_partial_parse"]
    edited.write_text(edited.read_text(encoding="utf-8") + "-- edited by benchmarks/run.py\n", encoding="utf-8")
    for name in projects:
        project_dir = mesh / name
        m = measure(dbt_parse_cmd(python, partial=True), cwd=project_dir, env=env)
        if m.returncode != 0:
            raise SystemExit(f"dbt partial parse failed in {project_dir}:\n{m.stdout[-3000:]}\n{m.stderr[-3000:]}")
        partial.add(name, m, project_dir)
    return full, partial


# ---------------------------------------------------------------------------------------------------
# Profile
# ---------------------------------------------------------------------------------------------------

PROFILE_SCRIPT = """
import cProfile, io, pstats, sys, contextlib
from meshlint.cli import main
mesh, today, out, top = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
profiler = cProfile.Profile()
with open("/dev/null", "w") as sink, contextlib.redirect_stdout(sink):
    profiler.enable()
    main(["check", mesh, "--today", today, "--format", "json", "--exit-zero"])
    profiler.disable()
profiler.dump_stats(out)
stats = pstats.Stats(profiler)
print(f"total {stats.total_tt:.2f} s in-process (profiled, so slower than a plain run)")
print(f"\\n## top {top} by cumulative time\\n")
stats.sort_stats("cumulative").print_stats(top)
print(f"\\n## top {top} meshlint functions by cumulative time\\n")
stats.sort_stats("cumulative").print_stats(r"meshlint[/\\\\]", top)
print(f"\\n## top {top} by own time (tottime)\\n")
stats.sort_stats("tottime").print_stats(top)
"""


def run_profile(python: str, mesh: Path, today: str, top: int, prof_file: Path) -> int:
    cmd = [python, "-c", PROFILE_SCRIPT, str(mesh), today, str(prof_file), str(top)]
    return subprocess.run(cmd, cwd=mesh.parent, env=MESHLINT_ENV).returncode


# ---------------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------------


def fmt(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def table(rows: list[dict[str, object]], dbt_scope: str) -> str:
    scope = "4 projects summed" if dbt_scope == "mesh" else "core only"
    lines = [
        f"| models | meshlint cold s | meshlint warm s | dbt parse s ({scope}) | dbt partial s | "
        "ratio meshlint/dbt | meshlint peak MB | dbt peak MB | meshlint ms/model | dbt ms/model |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        models = int(r["models"])  # type: ignore[arg-type]
        cold, warm = r["meshlint_cold"], r["meshlint_warm"]
        dbt_full, dbt_partial = r.get("dbt_full"), r.get("dbt_partial")
        dbt_models = r.get("dbt_models") or models
        ratio = cold["wall"] / dbt_full["wall"] if dbt_full else None  # type: ignore[index]
        lines.append(
            f"| {models} | {fmt(cold['wall'])} | {fmt(warm['wall'])} | "  # type: ignore[index]
            f"{fmt(dbt_full['wall'] if dbt_full else None)} | {fmt(dbt_partial['wall'] if dbt_partial else None)} | "  # type: ignore[index]
            f"{fmt(ratio, 2)} | {fmt(max(cold['rss_mb'], warm['rss_mb']), 0)} | "  # type: ignore[index]
            f"{fmt(dbt_full['rss_mb'] if dbt_full else None, 0)} | {fmt(1000 * cold['wall'] / models)} | "  # type: ignore[index]
            f"{fmt(1000 * dbt_full['wall'] / dbt_models if dbt_full else None)} |"  # type: ignore[index,operator]
        )
    lines += [
        "",
        "| models | meshlint cold CPU s | meshlint warm CPU s | dbt parse CPU s | dbt partial CPU s | "
        "findings (error/warning/info) | models closed | load avg (1 min) before |",
        "|---:|---:|---:|---:|---:|---|---:|---:|",
    ]
    for r in rows:
        cold, warm = r["meshlint_cold"], r["meshlint_warm"]
        dbt_full, dbt_partial = r.get("dbt_full"), r.get("dbt_partial")
        s = r["summary"]
        lines.append(
            f"| {r['models']} | {fmt(cold['cpu'])} | {fmt(warm['cpu'])} | "  # type: ignore[index]
            f"{fmt(dbt_full['cpu'] if dbt_full else None)} | {fmt(dbt_partial['cpu'] if dbt_partial else None)} | "  # type: ignore[index]
            f"{s['error']}/{s['warning']}/{s['info']} | {s['models_closed']} | {r['load_before']:.2f} |"  # type: ignore[index]
        )
    return "\n".join(lines)


def revision() -> str:
    """The meshlint source measured: commit, and whether the work tree had changes."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=HERE, capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "meshlint"], cwd=HERE.parent, capture_output=True, text=True).stdout.strip()
    except OSError:
        return "unknown"
    return f"{head}{' + uncommitted changes under meshlint/' if dirty else ''}" if head else "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 5000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "meshlint-bench",
                        help="where the meshes are generated (default: %(default)s)")
    parser.add_argument("--today", default=DEFAULT_TODAY, help="passed to meshlint --today")
    parser.add_argument("--meshlint-python", default=sys.executable,
                        help="a Python with meshlint installed (default: this one)")
    parser.add_argument("--meshlint-src", type=Path,
                        help="a folder holding the meshlint package to measure (put first on PYTHONPATH)")
    parser.add_argument("--meshlint-rev",
                        help="measure meshlint as committed at this git revision (exported with git archive)")
    parser.add_argument("--dbt-python", help="a Python with dbt-core, dbt-duckdb and dbt-loom: also time dbt parse")
    parser.add_argument("--dbt-scope", choices=["mesh", "core"], default="mesh",
                        help="time dbt parse on every project, summed (default), or on core alone")
    parser.add_argument("--extended-macros", action="store_true", help="passed to generate.py")
    parser.add_argument("--cast-sums", action="store_true", help="passed to generate.py")
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    parser.add_argument("--profile", action="store_true",
                        help="instead of timing, run meshlint in-process under cProfile on one mesh")
    parser.add_argument("--profile-size", type=int, default=2000)
    parser.add_argument("--profile-top", type=int, default=25)
    args = parser.parse_args(argv)

    args.work.mkdir(parents=True, exist_ok=True)
    source = "the installed meshlint (work tree " + revision() + ")"
    if args.meshlint_rev:
        args.meshlint_src = export_revision(args.meshlint_rev, args.work)
    if args.meshlint_src:
        use_source(args.meshlint_src)
        source = f"meshlint from {args.meshlint_src}"
    check = subprocess.run([args.meshlint_python, "-c", "import meshlint; print(meshlint.__file__)"],
                           capture_output=True, text=True, env=MESHLINT_ENV)
    if check.returncode != 0:
        raise SystemExit(f"meshlint is not importable with {args.meshlint_python}:\n{check.stderr}")
    print(f"measuring {source}: {check.stdout.strip()}", file=sys.stderr)
    if args.profile:
        mesh = generate(args.profile_size, args.seed, args.work, args.extended_macros, args.cast_sums)
        prof = args.work / f"meshlint-{args.profile_size}.prof"
        print(f"# cProfile of `meshlint check` on {args.profile_size} models ({mesh}); stats saved to {prof}\n")
        return run_profile(args.meshlint_python, mesh, args.today, args.profile_top, prof)

    with_dbt = dbt_available(args.dbt_python)
    if args.dbt_python and not with_dbt:
        print(f"note: dbt-core/dbt-duckdb not importable with {args.dbt_python}; dbt columns left empty", file=sys.stderr)
    startup = measure([args.meshlint_python, "-m", "meshlint.cli", "--version"], env=MESHLINT_ENV)
    print(f"meshlint start-up (python -m meshlint.cli --version): {startup.wall:.2f}s wall, {startup.rss_mb:.0f} MB", file=sys.stderr)
    rows: list[dict[str, object]] = []
    for size in args.sizes:
        load_before = os.getloadavg()[0]
        started = time.perf_counter()
        mesh = generate(size, args.seed, args.work, args.extended_macros, args.cast_sums)
        generated = time.perf_counter() - started
        shutil.rmtree(mesh.parent / f"{mesh.name}-cache", ignore_errors=True)
        cold, summary = run_meshlint(args.meshlint_python, mesh, args.today)
        edited = mesh / json.loads((mesh / "mesh.json").read_text())["edit_for_partial_parse"]
        edited.write_text(edited.read_text(encoding="utf-8") + "-- edited for the warm run\n", encoding="utf-8")
        warm, _ = run_meshlint(args.meshlint_python, mesh, args.today)
        row: dict[str, object] = {
            "models": size,
            "generate_s": round(generated, 2),
            "meshlint_cold": asdict(cold) | {"stdout": "", "stderr": ""},
            "meshlint_warm": asdict(warm) | {"stdout": "", "stderr": ""},
            "summary": summary,
            "load_before": load_before,
        }
        if with_dbt:
            full, partial = run_dbt(args.dbt_python, mesh, args.dbt_scope)  # type: ignore[arg-type]
            row["dbt_full"] = asdict(full)
            row["dbt_partial"] = asdict(partial)
            if args.dbt_scope == "core":
                row["dbt_models"] = json.loads((mesh / "mesh.json").read_text())["projects"]["core"]
                counts = row["dbt_models"]
                row["dbt_models"] = counts["staging"] + counts["intermediate"] + counts["mart_nodes"]  # type: ignore[index]
        row["load_after"] = os.getloadavg()[0]
        row["size_total_s"] = round(time.perf_counter() - started, 1)
        rows.append(row)
        print(
            f"{size} models ({row['size_total_s']}s in all): generated in {generated:.1f}s; meshlint cold {cold.wall:.1f}s warm {warm.wall:.1f}s"
            + (f"; dbt parse {row['dbt_full']['wall']:.1f}s partial {row['dbt_partial']['wall']:.1f}s" if with_dbt else "")  # type: ignore[index]
            + f"; findings {summary['error']}/{summary['warning']}/{summary['info']}",
            file=sys.stderr,
            flush=True,
        )
    print(f"\nmachine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}; seed {args.seed}; "
          f"meshlint start-up alone {startup.wall:.2f}s; {source}\n")
    print(table(rows, args.dbt_scope))
    if with_dbt:
        print("\ndbt's own parse time (perf_info.json load_all_elapsed, summed; without process start-up): "
              + ", ".join(f"{r['models']}: full {r['dbt_full']['dbt_internal_s']:.1f}s, partial {r['dbt_partial']['dbt_internal_s']:.1f}s" for r in rows))  # type: ignore[index]
    if args.json:
        args.json.write_text(json.dumps({"seed": args.seed, "dbt_scope": args.dbt_scope, "rows": rows}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
