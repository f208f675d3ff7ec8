"""The analysis cache: warm runs give byte-identical output, an edit re-infers what it affects,
and a damaged cache is rebuilt, never trusted."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from meshlint.analyse.cache import FORMAT
from tests.conftest import TODAY, edit


def _json(run_cli, *extra: str) -> str:
    result = run_cli("check", ".", "--today", TODAY, "--format", "json", *extra)
    return result.stdout


def test_warm_run_is_identical_and_uses_the_cache(mesh_copy: Path, run_cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("MESHLINT_CACHE_DIR", str(tmp_path / "cache"))
    cold = _json(run_cli)
    assert (tmp_path / "cache" / f"analysis-v{FORMAT}.sqlite").is_file()
    assert _json(run_cli) == cold == _json(run_cli, "--no-cache")


def test_an_edit_changes_the_result_despite_the_cache(mesh_copy: Path, run_cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("MESHLINT_CACHE_DIR", str(tmp_path / "cache"))
    before = _json(run_cli)
    edit(mesh_copy / "analytics/models/staging/stg_orders.sql", "    order_date,\n", "    cast(order_date as varchar) as order_date,\n")
    after = _json(run_cli)
    assert after == _json(run_cli, "--no-cache")
    # stg_orders' new type reaches fct_orders through its parent's schema: both versions re-inferred
    assert after != before
    assert after.count('"code": "ML103"') == 4  # order_date and min(order_date), on v1 and v2


def test_an_edit_that_keeps_the_columns_re_infers_only_the_edited_model(
    mesh_copy: Path, run_cli, tmp_path: Path, monkeypatch
) -> None:
    """Children are keyed by their parents' inferred columns: a comment added to stg_orders (read by
    fct_orders v1 and v2, and on to finance) misses the cache for stg_orders' render and inference only."""
    from meshlint import engine
    from meshlint.analyse.cache import AnalysisCache

    monkeypatch.setenv("MESHLINT_CACHE_DIR", str(tmp_path / "cache"))
    caches: list[AnalysisCache] = []

    class Recording(AnalysisCache):
        def __init__(self, directory: Path) -> None:
            super().__init__(directory)
            caches.append(self)

    monkeypatch.setattr(engine, "AnalysisCache", Recording)
    before = _json(run_cli)
    stg_orders = mesh_copy / "analytics/models/staging/stg_orders.sql"
    stg_orders.write_text(stg_orders.read_text(encoding="utf-8") + "\n-- reviewed\n", encoding="utf-8")
    after = _json(run_cli)
    assert after == before
    assert caches[-1].misses == 2 and caches[-1].hits > 0  # with children keyed by the SQL: 4


def test_a_cache_another_run_is_writing_is_left_alone(mesh_copy: Path, run_cli, tmp_path: Path, monkeypatch) -> None:
    """A second run that finds the file locked goes on without writing, with the same output, and
    never deletes the other run's file."""
    from meshlint.analyse.cache import AnalysisCache

    cache = tmp_path / "cache"
    monkeypatch.setenv("MESHLINT_CACHE_DIR", str(cache))
    monkeypatch.setattr(AnalysisCache, "TIMEOUT", 0.05)
    cold = _json(run_cli)
    database = cache / f"analysis-v{FORMAT}.sqlite"
    other = sqlite3.connect(database, isolation_level=None)
    other.execute("begin immediate")  # another run, in the middle of its write
    try:
        edit(mesh_copy / "analytics/models/staging/stg_orders.sql", "    order_date,\n", "    order_date as ordered_on,\n")
        assert _json(run_cli) == _json(run_cli, "--no-cache") != cold  # the edit is seen, nothing is written
        assert database.is_file()
    finally:
        other.execute("rollback")
        other.close()
    with sqlite3.connect(database) as db:
        assert db.execute("select count(*) from entries").fetchone()[0] > 0


def test_entries_still_read_are_kept_and_unread_ones_pruned(mesh_copy: Path, run_cli, tmp_path: Path, monkeypatch) -> None:
    import time

    cache = tmp_path / "cache"
    monkeypatch.setenv("MESHLINT_CACHE_DIR", str(cache))
    cold = _json(run_cli)
    database = cache / f"analysis-v{FORMAT}.sqlite"
    long_ago = time.time() - 40 * 24 * 3600
    with sqlite3.connect(database) as db:
        db.execute("update entries set used = ?", (long_ago,))
        db.execute("insert into entries values ('unread', x'00', '', ?)", (long_ago,))
        before = db.execute("select count(*) from entries").fetchone()[0]
    assert _json(run_cli) == cold
    with sqlite3.connect(database) as db:
        assert db.execute("select count(*) from entries").fetchone()[0] == before - 1
        assert db.execute("select count(*) from entries where key = 'unread'").fetchone()[0] == 0


def test_the_keys_follow_meshlints_own_code(tmp_path: Path, monkeypatch) -> None:
    """The version number does not change between commits: the keys hash the source files too, so a
    newer meshlint (a pre-commit hook moved to a new revision) never reads an older one's results."""
    import shutil

    from meshlint.fingerprint import PACKAGE, code_fingerprint, tree_fingerprint

    copy = tmp_path / "meshlint"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    assert tree_fingerprint(copy) == code_fingerprint()
    rules = copy / "rules" / "ml101_contract_column_missing.py"
    rules.write_text(rules.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert tree_fingerprint(copy) != code_fingerprint()
    from meshlint.analyse import cache

    before = cache.digest("render", "x")
    monkeypatch.setattr(cache, "code_fingerprint", lambda: tree_fingerprint(copy))
    assert cache.digest("render", "x") != before


def test_corrupt_cache_is_rebuilt(mesh_copy: Path, run_cli, tmp_path: Path, monkeypatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("MESHLINT_CACHE_DIR", str(cache))
    cold = _json(run_cli)
    database = cache / f"analysis-v{FORMAT}.sqlite"
    with sqlite3.connect(database) as db:  # damage every stored value
        db.execute("update entries set value = x'00ff'")
    assert _json(run_cli) == cold
    database.write_bytes(b"not a database at all")
    assert _json(run_cli) == cold
    with sqlite3.connect(database) as db:
        assert db.execute("select count(*) from entries").fetchone()[0] > 0  # rebuilt and refilled


def test_single_and_multi_process_cold_and_warm_give_identical_json(tmp_path: Path, monkeypatch) -> None:
    """On a generated 300-model mesh (large enough for the process pool), every way of running
    gives the same bytes."""
    import subprocess
    import sys

    from tests.conftest import REPO

    mesh = tmp_path / "mesh"
    subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "generate.py"), "--models", "300", "--out", str(mesh)],
        check=True, capture_output=True,
    )
    monkeypatch.chdir(mesh)
    monkeypatch.setenv("MESHLINT_CACHE_DIR", str(tmp_path / "cache"))
    from meshlint.cli import main

    def run(*extra: str) -> bytes:
        out = tmp_path / "out.json"
        assert main(["check", ".", "--today", TODAY, "--format", "json", "--output", str(out), "--exit-zero", *extra]) == 0
        return out.read_bytes()

    single = run("--jobs", "1", "--no-cache")
    assert run("--jobs", "2", "--no-cache") == single
    assert run("--jobs", "2") == single  # cold cache
    assert run("--jobs", "1") == single  # warm cache
    assert b'"models": 300' in single
