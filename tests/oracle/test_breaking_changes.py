"""ML501/ML503 against real dbt-core 1.11: for every base/head pair of `breaking_pairs`, meshlint's
verdict (error, warning or nothing) equals dbt's when dbt compares the head with the base's manifest
(`state:modified` with `--state`; see state_runner.py). Both sides run once for all pairs: dbt parses
the base and the head project once each; meshlint checks the head against the base commit of a git
repository built here, in one run."""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

if not os.environ.get("MESHLINT_DBT_PYTHON"):
    pytest.importorskip("dbt.cli.main", reason="dbt-core is not installed (see requirements-oracle.txt)")

import breaking_pairs
from dbt_runner import dbt_python

from meshlint.engine import check
from meshlint.settings import Settings

pytestmark = pytest.mark.dbt
HERE = Path(__file__).resolve().parent
GIT = ["git", "-c", "user.name=meshlint", "-c", "user.email=meshlint@example.com", "-c", "commit.gpgsign=false"]
RANK = {"none": 0, "warning": 1, "error": 2}


@pytest.fixture(scope="module")
def dbt_says(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    workdir = tmp_path_factory.mktemp("dbt-state")
    done = subprocess.run(
        [dbt_python(), str(HERE / "state_runner.py"), str(workdir)],
        capture_output=True, text=True, timeout=600, check=False,
        env={**os.environ, "TZ": "UTC", "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def meshlint_says(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    repo = tmp_path_factory.mktemp("repo")
    project = repo / breaking_pairs.PROJECT
    breaking_pairs.write_side(project, head=False)
    subprocess.run([*GIT, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*GIT, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*GIT, "commit", "-q", "-m", "base"], cwd=repo, check=True)
    for file in (project / "models").iterdir():
        file.unlink()
    breaking_pairs.write_side(project, head=True)
    settings = Settings(select=("ML501", "ML503"))
    result = check([repo], settings, datetime.date.today(), repo, base_ref="HEAD")
    found: dict[str, str] = {}
    for diagnostic in result.diagnostics:
        assert diagnostic.node is not None, diagnostic
        model = diagnostic.node.split(".")[2]
        verdict = diagnostic.severity.value
        if RANK[verdict] > RANK[found.get(model, "none")]:
            found[model] = verdict
    return {pair.name: found.get(pair.name, "none") for pair in breaking_pairs.PAIRS}


def test_enough_pairs() -> None:
    assert len(breaking_pairs.PAIRS) >= 20
    assert {p.expect for p in breaking_pairs.PAIRS} == {"error", "warning", "none"}


@pytest.mark.parametrize("pair", breaking_pairs.PAIRS, ids=lambda p: p.name)
def test_meshlint_agrees_with_dbt_state(pair: breaking_pairs.Pair, dbt_says: dict[str, str], meshlint_says: dict[str, str]) -> None:
    assert dbt_says[pair.name] == pair.expect, f"dbt's verdict on {pair.name} is not what the pair says"
    assert meshlint_says[pair.name] == dbt_says[pair.name]
