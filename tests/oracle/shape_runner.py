"""Run real `dbt parse` on many small projects, a few dbt processes for them all, and report, per project, whether the
parse succeeded and, if not, the exception's class and message.

`python shape_runner.py DIR...` prints one JSON object per line: {"dir", "ok", "error_class", "message"}.
dbt is imported once; the state dbt-duckdb keeps in globals is reset after every project.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from pathlib import Path


def _parse_all(dirs: list[str]) -> None:
    os.environ["DBT_SEND_ANONYMOUS_USAGE_STATS"] = "false"
    os.environ.pop("DBT_PROFILES_DIR", None)
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager
    from dbt.cli.main import dbtRunner

    for project in dirs:
        path = Path(project)
        args = [
            "parse", "--project-dir", str(path), "--profiles-dir", str(path),
            "--log-path", str(path / "logs"), "--target-path", str(path / "target"),
            "--log-level", "none", "--log-level-file", "none", "--no-use-colors",
            "--no-send-anonymous-usage-stats", "--no-version-check", "--no-partial-parse", "--no-write-json",
        ]  # fmt: skip
        cwd = os.getcwd()
        os.chdir(path)
        try:
            result = dbtRunner().invoke(args)
            exc = result.exception
            row = {
                "dir": project,
                "ok": bool(result.success),
                "error_class": type(exc).__name__ if exc is not None else None,
                "message": str(exc) if exc is not None else None,
            }
        except Exception as exc:  # noqa: BLE001 - reported, the batch goes on
            row = {"dir": project, "ok": False, "error_class": type(exc).__name__, "message": str(exc)}
        finally:
            os.chdir(cwd)
            env = DuckDBConnectionManager._ENV
            if env is not None:
                with contextlib.suppress(Exception):
                    env.close()
            DuckDBConnectionManager._ENV = None
        print(json.dumps(row), flush=True)


def parse_projects(dirs: list[Path], python: str | None = None, workers: int | None = None) -> dict[str, dict[str, object]]:
    """{dir: verdict} for each project dir, from `workers` dbt processes (default: $MESHLINT_ORACLE_WORKERS
    or 2), each taking every n-th project."""
    python = python or os.environ.get("MESHLINT_DBT_PYTHON", sys.executable)
    workers = max(1, workers or int(os.environ.get("MESHLINT_ORACLE_WORKERS", "2")))
    chunks = [dirs[index::workers] for index in range(workers)]
    procs = [
        subprocess.Popen([python, __file__, *map(str, chunk)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for chunk in chunks
        if chunk
    ]
    rows: dict[str, dict[str, object]] = {}
    errors = []
    for proc in procs:
        out, err = proc.communicate(timeout=1800)
        errors.append(err[-2000:])
        for line in out.splitlines():
            if line.startswith("{"):
                row = json.loads(line)
                rows[row["dir"]] = row
    missing = [str(d) for d in dirs if str(d) not in rows]
    if missing:
        raise RuntimeError(f"dbt gave no verdict for {missing[:3]}...: {errors}")
    return rows


if __name__ == "__main__":
    _parse_all(sys.argv[1:])
