"""The compile pass's scheduling: with worker processes, models are rendered in the workers and inferred
as soon as their parents are done, in whatever order the workers finish; the analysis is the same as in
one process (each model sees what it would see if the models were done wave by wave), and a worker that
raises or dies costs only time."""

from __future__ import annotations

import datetime
import os
import time
from pathlib import Path

import pytest

from meshlint.analyse import pipeline, tasks
from meshlint.engine import RunResult, check
from meshlint.settings import load_settings, find_settings_file

TODAY = datetime.date(2026, 11, 23)

MODELS = {
    "a": "select 1 as id, 'x' as name",
    "b": "select id, name, cast(id as bigint) as big from {{ ref('a') }}",
    "c": "select id, big from {{ ref('b') }}",
    "l1": "select id, big as l1_big from {{ ref('c') }}",
    "l2": "select id, l1_big as l2_big from {{ ref('l1') }}",
    # a parent whose SQL does not parse, and a Jinja error: their children go on without their columns
    "broken_sql": "select from where (",
    "child_of_broken_sql": "select * from {{ ref('broken_sql') }}",
    "broken_jinja": "select {{ 1 + }} as x",
    "child_of_broken_jinja": "select * from {{ ref('broken_jinja') }}",
    # a cycle, and a model downstream of it
    "cy1": "select * from {{ ref('cy2') }}",
    "cy2": "select * from {{ ref('cy1') }}",
    "below_cycle": "select * from {{ ref('cy1') }}",
    # compiled templates that ref a model their parse does not: one of an earlier wave (seen, once it is
    # done: its inference is slow in the workers), one of a later wave (never seen, though it is done first)
    "early": "select 1 as e1, 2 as e2",
    "esc": "select * from {% if execute %}{{ ref('early') }}{% else %}{{ ref('b') }}{% endif %}",
    "slow_root": "select 1 as slow",
    "esc_late": "select * from {% if execute %}{{ ref('l2') }}{% else %}{{ ref('slow_root') }}{% endif %}",
}


def _project(root: Path, fillers: int = 30) -> Path:
    (root / "analytics" / "models").mkdir(parents=True)
    (root / "meshlint.toml").write_text('dialect = "duckdb"\n')
    (root / "analytics" / "dbt_project.yml").write_text(
        "name: analytics\nversion: '1.0.0'\nconfig-version: 2\nprofile: analytics\n"
    )
    models = dict(MODELS)
    for n in range(fillers):  # width, so that both workers have work
        models[f"f{n:02}"] = f"select id, name as n{n} from {{{{ ref('a') }}}}"
        models[f"g{n:02}"] = f"select id, n{n} as g{n}, upper(n{n}) as u{n} from {{{{ ref('f{n:02}') }}}}"
    for name, sql in models.items():
        (root / "analytics" / "models" / f"{name}.sql").write_text(sql + "\n")
    return root


def _run(root: Path, jobs: int, cache: Path | None = None) -> RunResult:
    return check([root], load_settings(find_settings_file(root)), TODAY, root, cache_dir=cache, jobs=jobs)


def _facts(result: RunResult) -> list[object]:
    nodes = [
        (n.unique_id, n.columns, n.sql_failure, n.column_uses, [(r.call, r.target and r.target.unique_id, r.problem) for r in n.refs])
        for n in result.analysed.nodes
    ]
    return [nodes, list(result.analysed.problems), list(result.diagnostics)]


@pytest.fixture
def pooled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Worker processes even for a small project, from the first model on."""
    monkeypatch.setattr(tasks, "MIN_PARALLEL_MODELS", 1)
    monkeypatch.setattr(pipeline, "MIN_PARALLEL_MODELS", 1)
    monkeypatch.setattr(pipeline.Workers, "INLINE", 0)


def _in_workers(monkeypatch: pytest.MonkeyPatch, behave) -> None:
    """Wrap the inference that the workers (forked from this process) run; the main process's is unchanged."""
    parent = os.getpid()
    original = tasks.infer_sql

    def infer(sql, tables, dialect, open_reasons, reads=False):
        if os.getpid() != parent:
            behave(sql)
        return original(sql, tables, dialect, open_reasons, reads)

    monkeypatch.setattr(tasks, "infer_sql", infer)


def _by_id(result: RunResult) -> dict[str, object]:
    return {n.node.name: n for n in result.analysed.nodes}


def test_workers_finishing_in_any_order_give_the_single_process_analysis(tmp_path: Path, pooled, monkeypatch) -> None:
    root = _project(tmp_path / "mesh")
    single = _run(root, 1)

    def slow(sql: str) -> None:
        if "e1" in sql or "as slow" in sql:
            time.sleep(1.0)  # `early` and `slow_root` finish last

    _in_workers(monkeypatch, slow)
    pooled_run = _run(root, 2)
    assert _facts(pooled_run) == _facts(single)
    assert _facts(_run(root, 2, tmp_path / "cache")) == _facts(single)  # cold cache
    assert _facts(_run(root, 2, tmp_path / "cache")) == _facts(single)  # warm

    nodes = _by_id(single)
    assert [c.name for c in nodes["esc"].columns.columns] == ["e1", "e2"] and nodes["esc"].columns.closed
    assert not nodes["esc_late"].columns.closed  # `l2` comes in a later wave: not seen
    assert not nodes["child_of_broken_sql"].columns.closed and not nodes["child_of_broken_jinja"].columns.closed
    assert nodes["l2"].columns.closed and nodes["g29"].columns.closed
    codes = {(d.code, d.node.rsplit(".", 1)[-1] if d.node else None) for d in single.diagnostics}
    assert {("ML003", "broken_sql"), ("ML002", "broken_jinja")} <= codes
    assert any(d.code == "ML004" and "cy1" in d.message and "cy2" in d.message for d in single.diagnostics)
    assert nodes["below_cycle"].columns is None  # downstream of the cycle: not inferred


def test_a_worker_that_raises_costs_only_time(tmp_path: Path, pooled, monkeypatch) -> None:
    root = _project(tmp_path / "mesh")
    single = _run(root, 1)

    def fail(sql: str) -> None:
        if "u7" in sql:
            raise MemoryError("a worker out of memory")  # not caught by the inference itself

    _in_workers(monkeypatch, fail)
    assert _facts(_run(root, 2)) == _facts(single)


def test_a_worker_that_dies_costs_only_time(tmp_path: Path, pooled, monkeypatch) -> None:
    root = _project(tmp_path / "mesh")
    single = _run(root, 1)

    def die(sql: str) -> None:
        if "u3" in sql:
            os._exit(3)  # killed: the pool breaks, the main process does the rest

    _in_workers(monkeypatch, die)
    assert _facts(_run(root, 2, tmp_path / "cache")) == _facts(single)


def test_a_pool_found_broken_when_a_model_is_handed_to_it_costs_only_time(tmp_path: Path, pooled, monkeypatch) -> None:
    """A worker may die between two answers: the pool then refuses the next model (BrokenProcessPool from
    `submit`), which the main process infers itself, and every model after it."""
    import concurrent.futures.process

    root = _project(tmp_path / "mesh")
    single = _run(root, 1)
    original = concurrent.futures.ProcessPoolExecutor.submit
    handed = []

    def submit(self, fn, /, *args, **kwargs):
        handed.append(fn)
        if fn is tasks.run_task_pickled and sum(f is fn for f in handed) == 5:
            raise concurrent.futures.process.BrokenProcessPool("a worker died")
        return original(self, fn, *args, **kwargs)

    monkeypatch.setattr(concurrent.futures.ProcessPoolExecutor, "submit", submit)
    assert _facts(_run(root, 2)) == _facts(single)
    assert sum(f is tasks.run_task_pickled for f in handed) == 5  # none handed to the pool after it broke


def test_a_render_that_fails_in_a_worker_is_rendered_in_the_main_process(tmp_path: Path, pooled, monkeypatch) -> None:
    root = _project(tmp_path / "mesh")
    single = _run(root, 1)
    parent = os.getpid()
    original = pipeline._Analysis.parse_render

    def parse_render(self, project, node):
        if os.getpid() != parent and node.name in ("b", "esc"):
            raise RuntimeError("cannot render here")
        if os.getpid() != parent and node.name == "g05":
            os._exit(3)
        return original(self, project, node)

    monkeypatch.setattr(pipeline._Analysis, "parse_render", parse_render)
    assert _facts(_run(root, 2)) == _facts(single)
