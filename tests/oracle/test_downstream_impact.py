"""ML502 against real downstream builds: for every pair of `downstream_pairs`, meshlint's `check --base`
on the whole mesh (both projects in one git repository) reports ML502 on the consumer exactly when
real dbt's build of the consumer (dbt-loom reading the upstream's manifest, on DuckDB) fails after
the upstream change; a pair marked `divergence` documents where meshlint deliberately says more."""

from __future__ import annotations

import datetime
import json
import os
import subprocess
from pathlib import Path

import pytest

if not os.environ.get("MESHLINT_DBT_PYTHON"):
    pytest.importorskip("dbt.cli.main", reason="dbt-core is not installed (see requirements-oracle.txt)")

import downstream_pairs
from dbt_runner import dbt_python

from meshlint.engine import check
from meshlint.settings import Settings

pytestmark = pytest.mark.dbt
HERE = Path(__file__).resolve().parent
GIT = ["git", "-c", "user.name=meshlint", "-c", "user.email=meshlint@example.com", "-c", "commit.gpgsign=false"]


def commit_base_then_head(repo: Path) -> None:
    """A git repository at `repo` whose HEAD is the pairs' base and whose work tree is their head."""
    downstream_pairs.write_mesh(repo, head=False)
    subprocess.run([*GIT, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*GIT, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*GIT, "commit", "-q", "-m", "base"], cwd=repo, check=True)
    downstream_pairs.write_mesh(repo, head=True)


@pytest.fixture(scope="module")
def dbt_fails(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    workdir = tmp_path_factory.mktemp("dbt-downstream")
    done = subprocess.run(
        [dbt_python(), str(HERE / "downstream_runner.py"), str(workdir)],
        capture_output=True, text=True, timeout=600, check=False,
        env={**os.environ, "TZ": "UTC", "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def meshlint_fires(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    repo = tmp_path_factory.mktemp("mesh")
    commit_base_then_head(repo)
    result = check([repo], Settings(select=("ML502",)), datetime.date(2026, 11, 23), repo, base_ref="HEAD")
    return {d.node.split(".")[2] for d in result.diagnostics if d.node}


def test_enough_pairs() -> None:
    assert sum(1 for p in downstream_pairs.PAIRS if not p.divergence) >= 8


def test_the_base_builds(dbt_fails: dict[str, list[str]]) -> None:
    assert dbt_fails["base"] == []


@pytest.mark.parametrize("pair", downstream_pairs.PAIRS, ids=lambda p: p.name)
def test_ml502_fires_when_the_downstream_build_fails(
    pair: downstream_pairs.Pair, dbt_fails: dict[str, list[str]], meshlint_fires: set[str]
) -> None:
    dbt_failed = f"model.down.{pair.name}" in dbt_fails["head"]
    assert dbt_failed == pair.fails, f"dbt's downstream build of {pair.name} is not what the pair says"
    if pair.divergence:
        assert pair.name in meshlint_fires and not dbt_failed, pair.divergence
    else:
        assert (pair.name in meshlint_fires) == dbt_failed
