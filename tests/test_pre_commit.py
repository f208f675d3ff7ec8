"""The real `pre-commit` tool runs this repository's hook on a git repository holding the example
mesh: a contract mistake fails the commit, an unrelated change passes, and a change to a model
reports only that model and the models that ref it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, REPO, edit

pytest.importorskip("pre_commit")
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture(scope="module")
def hook_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    target = tmp_path / "mesh"
    shutil.copytree(EXAMPLE, target)
    _git(target, "init", "-q")
    _git(target, "-c", "user.name=t", "-c", "user.email=t@t", "add", "-A")
    _git(target, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "mesh")
    return target


def try_hook(repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    _git(repo, "add", "-A")
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), "meshlint", "--verbose"],
        cwd=repo, env=env, capture_output=True, text=True, timeout=600,
    )


def test_contract_mistake_fails_the_commit(repo: Path, hook_home: Path) -> None:
    edit(repo / "analytics/models/core/core.yml", "latest_version: 2", "latest_version: 3")
    result = try_hook(repo, hook_home)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "ML202" in result.stdout
    assert "analytics/models/core/core.yml:" in result.stdout


def test_unrelated_change_passes(repo: Path, hook_home: Path) -> None:
    (repo / "notes.md").write_text("not a dbt file\n")
    edit(repo / "analytics/models/staging/stg_customers.sql", "    last_name\n", "    last_name  -- a comment\n")
    result = try_hook(repo, hook_home)
    assert result.returncode == 0, result.stdout + result.stderr


def test_model_change_reports_that_model_and_its_consumers_only(repo: Path, hook_home: Path) -> None:
    edit(repo / "finance/models/staging/stg_payments.sql", "        amount,\n", "        amount,  -- in cents\n")
    result = try_hook(repo, hook_home)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "ML401" in result.stdout  # agg_customer_payment_journey refs stg_payments and the deprecated v1
    assert "ML403" not in result.stdout  # fct_orders v1 is not touched by this change
