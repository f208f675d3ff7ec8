"""A warm run takes unchanged models' findings from the previous run (meshlint/reuse.py): after every
kind of edit, its output is byte for byte a cold run's, in every format, and the edits that the
snapshot can vouch for are re-checked without analysing the whole mesh."""

from __future__ import annotations

import datetime
import textwrap
from pathlib import Path

import pytest

from meshlint import reuse
from meshlint.cli import main

TODAY = "2026-11-23"
FORMATS = ("json", "text", "sarif", "concise", "github", "gitlab", "junit", "markdown")

FILES = {
    "meshlint.toml": 'dialect = "duckdb"\n',
    "analytics/dbt_project.yml": "name: analytics\nversion: '1.0.0'\nconfig-version: 2\nprofile: analytics\n",
    "analytics/models/models.yml": """
        groups:
          - name: core
            owner: {name: Core}
        models:
          - name: stg_orders
            config: {group: core}
          - name: orders
            latest_version: 2
            config:
              access: public
              group: core
            columns:
              - name: order_id
                data_type: integer
              - name: amount
                data_type: integer
            versions:
              - v: 1
                deprecation_date: 2027-01-31
              - v: 2
          - name: summary
            config:
              materialized: table
              contract: {enforced: true}
            columns:
              - name: order_id
                data_type: integer
              - name: total
                data_type: integer
                constraints:
                  - type: foreign_key
                    to: ref('stg_orders')
                    to_columns: [order_id]
          - name: unused_ephemeral
            config: {materialized: ephemeral}
          - name: tail
            config:
              materialized: table
              contract: {enforced: true}
            columns:
              - name: order_id
                data_type: integer
              - name: status
                data_type: varchar
    """,
    "analytics/models/stg_orders.sql": "select 1 as order_id, 2 as amount, 'x' as status\n",
    "analytics/models/orders_v1.sql": "select order_id, amount from {{ ref('stg_orders') }}\n",
    "analytics/models/orders_v2.sql": "select order_id, amount from {{ ref('stg_orders') }}\n",
    "analytics/models/summary.sql": (
        "select o.order_id, o.amount as total\nfrom {{ ref('orders', v=2) }} as o\n"
    ),
    "analytics/models/mid.sql": "select order_id, amount, status from {{ ref('stg_orders') }}\n",
    "analytics/models/tail.sql": "select m.order_id, m.status from {{ ref('mid') }} as m\n",
    "analytics/models/unused_ephemeral.sql": "select from where\n",
    "analytics/models/reader.sql": "select * from {{ ref('unused_ephemeral') }}\n",
    "finance/dbt_project.yml": "name: finance\nversion: '1.0.0'\nconfig-version: 2\nprofile: finance\n",
    "finance/dependencies.yml": "projects:\n  - name: analytics\n",
    "finance/models/revenue.sql": "select o.order_id, o.amount from {{ ref('analytics', 'orders', v=1) }} as o\n",
}


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


@pytest.fixture
def mesh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "mesh"
    _write(root, FILES)
    monkeypatch.chdir(root)
    monkeypatch.setenv("MESHLINT_CACHE_DIR", str(tmp_path / "cache"))
    return root


class Runs:
    """Runs the CLI in-process and records whether each run reused a snapshot, and how many models it analysed."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
        self.out = tmp_path / "out"
        self.warm: list[tuple[bool, int]] = []
        self.rounds: list[int] = []
        original = reuse.warm_run

        def recording(*args, **kwargs):
            result = original(*args, **kwargs)
            self.warm.append((result is not None, len(result.analysed.nodes) if result is not None else -1))
            self.rounds.append(result.rounds if result is not None else -1)
            return result

        monkeypatch.setattr(reuse, "warm_run", recording)

    def __call__(self, *extra: str, fmt: str = "json", today: str = TODAY) -> bytes:
        args = ["check", ".", "--today", today, "--format", fmt, "--output", str(self.out), "--exit-zero", *extra]
        assert main(args) == 0
        return self.out.read_bytes()


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Runs:
    return Runs(monkeypatch, tmp_path)


def _same_as_cold(runs: Runs, fmt: str = "json", today: str = TODAY) -> bytes:
    warm = runs(fmt=fmt, today=today)
    cold = runs("--no-cache", fmt=fmt, today=today)
    assert warm == cold, fmt
    return warm


def _edit(path: str, old: str, new: str) -> None:
    file = Path(path)
    text = file.read_text(encoding="utf-8")
    assert old in text, (path, old)
    file.write_text(text.replace(old, new), encoding="utf-8")


def test_an_unchanged_mesh_analyses_only_its_volatile_models_and_matches_cold_in_every_format(mesh: Path, runs: Runs) -> None:
    first = runs()
    assert runs.warm == []  # no snapshot yet: a full run, which stores one
    for fmt in FORMATS:
        _same_as_cold(runs, fmt)
    assert runs.warm and all(reused and analysed == 0 for reused, analysed in runs.warm)
    assert runs() == first


SQL_EDITS = [
    # a parent drops a column two readers use (ML308 on mid's reader `tail` only once mid's columns change)
    ("analytics/models/stg_orders.sql", ", 'x' as status", ""),
    # a parent's type changes under a contract two models away (summary's contract, through orders v2)
    ("analytics/models/stg_orders.sql", "2 as amount", "'2' as amount"),
    # a type changes two models away from a contract that reads it (stg_orders -> mid -> tail)
    ("analytics/models/stg_orders.sql", "'x' as status", "1 as status"),
    # a parent made private by its SQL config: its readers outside the group, and the foreign key's owner
    ("analytics/models/stg_orders.sql", "select 1", "{{ config(access='private', group=none) }}\nselect 1"),
    # the only reader of an ephemeral model whose SQL does not parse stops reading it: dbt never runs it
    ("analytics/models/reader.sql", "{{ ref('unused_ephemeral') }}", "{{ ref('stg_orders') }}"),
    # a version's SQL drifts from its declared columns; its consumer in another project reads the column
    ("analytics/models/orders_v1.sql", "order_id, amount", "order_id"),
    # a suppression comment added to the SQL of a model with a finding
    ("finance/models/revenue.sql", "select o.order_id", "-- noqa: ML402\nselect o.order_id"),
    # a new ref that closes a cycle (stg_orders -> tail -> mid -> stg_orders): the graph's order changes
    ("analytics/models/stg_orders.sql", "'x' as status", "'x' as status -- {{ ref('tail') }}"),
    # a comment only: the model is re-inferred, nothing else changes
    ("analytics/models/mid.sql", "select order_id", "-- reviewed\nselect order_id"),
]


@pytest.mark.parametrize("path, old, new", SQL_EDITS)
def test_a_sql_edit_is_rechecked_with_its_readers_exactly_as_a_cold_run(
    mesh: Path, runs: Runs, path: str, old: str, new: str
) -> None:
    before = runs()
    _same_as_cold(runs)  # stores nothing new: a snapshot exists
    original = Path(path).read_text(encoding="utf-8")
    _edit(path, old, new)
    runs.warm.clear()
    after = _same_as_cold(runs)
    reused, analysed = runs.warm[0]
    assert reused and 0 < analysed < 13  # the edited model and what its readers read, not the mesh
    for fmt in ("text", "sarif"):
        _same_as_cold(runs, fmt)
    if "reviewed" not in new:
        assert after != before  # each edit changes the findings
    # and back: the snapshot the warm run stored gives the first findings again
    Path(path).write_text(original, encoding="utf-8")
    assert _same_as_cold(runs) == before


def test_edits_in_sequence_stay_identical_to_cold(mesh: Path, runs: Runs) -> None:
    runs()
    for path, old, new in SQL_EDITS:
        if old in Path(path).read_text(encoding="utf-8"):  # an earlier edit may have taken it away
            _edit(path, old, new)
            _same_as_cold(runs)
    assert all(reused for reused, _ in runs.warm)


YAML_EDITS = [
    # a parent's contract and columns
    ("analytics/models/models.yml", "access: public\n", "access: public\n      contract: {enforced: true}\n"),
    # a parent's access
    ("analytics/models/models.yml", "access: public", "access: protected"),
    # a version's deprecation date, now past
    ("analytics/models/models.yml", "deprecation_date: 2027-01-31", "deprecation_date: 2026-01-31"),
]


@pytest.mark.parametrize("path, old, new", YAML_EDITS)
def test_a_declaration_edit_makes_a_full_run_identical_to_cold(mesh: Path, runs: Runs, path: str, old: str, new: str) -> None:
    before = runs()
    _edit(path, old, new)
    runs.warm.clear()
    after = _same_as_cold(runs)
    assert after != before
    assert runs.warm == []  # other declarations: no snapshot to reuse, a full run
    assert runs() == after
    assert runs.warm == [(True, 0)]  # the full run stored one for the new declarations


def test_another_day_or_other_settings_never_reuse_the_snapshot(mesh: Path, runs: Runs) -> None:
    runs()
    later = "2027-02-01"  # past orders v1's deprecation: its consumer's finding changes
    assert _same_as_cold(runs, today=later) != runs("--no-cache")
    assert runs("--select", "ML4") == runs("--select", "ML4", "--no-cache")
    assert runs("--ignore", "ML402") == runs("--ignore", "ML402", "--no-cache")


def test_enabling_or_disabling_a_model_by_its_sql_makes_a_full_run(mesh: Path, runs: Runs) -> None:
    runs()
    _edit("analytics/models/mid.sql", "select order_id", "{{ config(enabled=false) }}\nselect order_id")
    runs.warm.clear()
    disabled = _same_as_cold(runs)
    assert runs.warm[0] == (False, -1)
    assert b"ML303" in disabled or b"disabled" in disabled  # tail's ref to it fails
    _edit("analytics/models/mid.sql", "{{ config(enabled=false) }}\n", "-- enabled again\n")
    _same_as_cold(runs)


def test_a_new_or_removed_model_makes_a_full_run(mesh: Path, runs: Runs) -> None:
    runs()
    (mesh / "analytics/models/extra.sql").write_text("select 1 as order_id\n", encoding="utf-8")
    runs.warm.clear()
    _same_as_cold(runs)
    assert runs.warm[0] == (False, -1)
    (mesh / "analytics/models/extra.sql").unlink()
    _same_as_cold(runs)


def test_a_model_moved_to_another_folder_is_rechecked(mesh: Path, runs: Runs) -> None:
    """Same name, same SQL, another file: its findings are located in the new file, and folder configs
    in dbt_project.yml follow the path."""
    _write(mesh, {"analytics/dbt_project.yml": FILES["analytics/dbt_project.yml"] + "models:\n  analytics:\n    late:\n      +materialized: ephemeral\n"})
    before = runs()
    (mesh / "analytics/models/late").mkdir()
    (mesh / "analytics/models/unused_ephemeral.sql").rename(mesh / "analytics/models/late/unused_ephemeral.sql")
    (mesh / "analytics/models/reader.sql").rename(mesh / "analytics/models/late/reader.sql")
    runs.warm.clear()
    after = _same_as_cold(runs)  # now ephemeral: the unparseable model has no reader dbt runs
    assert runs.warm[0][0] and after != before
    (mesh / "finance/models/sub").mkdir()
    (mesh / "finance/models/revenue.sql").rename(mesh / "finance/models/sub/revenue.sql")
    moved = _same_as_cold(runs)  # its ML402 is located in the new file
    assert runs.warm[-1][0] and b"finance/models/sub/revenue.sql" in moved


def test_the_snapshot_is_deterministic_across_processes(mesh: Path, tmp_path: Path) -> None:
    """Facts hashes must not depend on the process (hash seeds, object ids): a second process's full
    run stores the same snapshot bytes, so warm runs in other processes find their models unchanged."""
    import os
    import pickle
    import sqlite3
    import subprocess
    import sys

    def snapshot_bytes(seed: str, cache: Path) -> dict[str, bytes]:
        env = {**os.environ, "PYTHONHASHSEED": seed, "MESHLINT_CACHE_DIR": str(cache)}
        subprocess.run(
            [sys.executable, "-m", "meshlint.cli", "check", ".", "--today", TODAY, "--exit-zero"],
            check=True, env=env, cwd=mesh, capture_output=True,
        )
        with sqlite3.connect(next(cache.glob("analysis-*.sqlite"))) as db:
            values = [pickle.loads(v) for (v,) in db.execute("select value from entries")]
        snapshot = next(v for v in values if isinstance(v, reuse.Snapshot))
        return {uid: record.facts.encode() + record.sql.encode() for uid, record in snapshot.records.items()}

    assert snapshot_bytes("1", tmp_path / "c1") == snapshot_bytes("2", tmp_path / "c2")


def test_two_jobs_on_a_generated_mesh_warm_after_an_edit_match_cold(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a generated 300-model mesh (large enough for the process pool): an edit's warm run with 2 jobs
    and with 1 gives the cold run's bytes, and re-checks a handful of models."""
    import json
    import subprocess
    import sys

    from tests.conftest import REPO

    root = tmp_path / "gen"
    subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "generate.py"), "--models", "300", "--out", str(root)],
        check=True, capture_output=True,
    )
    monkeypatch.chdir(root)
    monkeypatch.setenv("MESHLINT_CACHE_DIR", str(tmp_path / "cache"))
    runs = Runs(monkeypatch, tmp_path)
    runs("--jobs", "2")
    meta = json.loads((root / "mesh.json").read_text(encoding="utf-8"))
    edited = root / meta["edit_for_partial_parse"]
    edited.write_text(edited.read_text(encoding="utf-8") + "-- edited\n", encoding="utf-8")
    cold = runs("--no-cache", "--jobs", "1")
    assert runs("--jobs", "2") == cold
    assert runs("--jobs", "1") == cold
    reused, analysed = runs.warm[0]
    assert reused and analysed < 100
    # a comment changes no model's facts: the models inferred in worker processes by the full run and
    # those read from the cache by the warm one must hash alike, or their readers would be re-checked
    assert runs.rounds[0] == 1
