"""`check --base REF` on real git repositories built here: the base is read without touching the work
tree or the index, bad refs are a one-line usage error, a project or file the base lacks or cannot
parse guesses nothing, and the consumer-driven path (`export` + `--downstream`) gives the findings
the whole mesh in one checkout gives."""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from meshlint.engine import check
from meshlint.settings import Settings
from oracle import downstream_pairs

GIT = ["git", "-c", "user.name=meshlint", "-c", "user.email=meshlint@example.com", "-c", "commit.gpgsign=false"]
TODAY = datetime.date(2026, 11, 23)
YML = """models:
  - name: fct_orders
    access: public
    config:
      materialized: table
      contract:
        enforced: true
    columns:
      - name: order_id
        data_type: integer
      - name: amount
        data_type: integer
"""


def git(repo: Path, *args: str) -> str:
    return subprocess.run([*GIT, *args], cwd=repo, check=True, capture_output=True, text=True).stdout


def make_repo(root: Path, files: dict[str, str]) -> Path:
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    return root


def analytics(yml: str = YML, sql: str = "select 1 as order_id, 2 as amount") -> dict[str, str]:
    return {
        "analytics/dbt_project.yml": "name: analytics\nversion: '1'\nconfig-version: 2\nprofile: analytics\n",
        "analytics/models/fct_orders.yml": yml,
        "analytics/models/fct_orders.sql": sql,
        "meshlint.toml": 'dialect = "duckdb"\n',
    }


def codes(result: object) -> list[tuple[str, str, int]]:
    return [(d.code, d.location.path, d.location.line) for d in result.diagnostics if d.code.startswith("ML5")]  # type: ignore[attr-defined]


def run(repo: Path, base: str = "HEAD", **kwargs: object):  # noqa: ANN201
    return check([repo], Settings(dialect="duckdb"), TODAY, repo, base_ref=base, **kwargs)  # type: ignore[arg-type]


def test_breaking_change_found_and_work_tree_and_index_untouched(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, analytics())
    (repo / "analytics/models/fct_orders.yml").write_text(YML.replace("data_type: integer\n      - name: amount", "data_type: bigint\n      - name: amount"))
    git(repo, "add", "analytics/models/fct_orders.yml")  # staged: the index differs from HEAD
    status, index = git(repo, "status", "--porcelain"), (repo / ".git/index").read_bytes()
    result = run(repo)
    assert codes(result) == [("ML501", "analytics/models/fct_orders.yml", 2)]
    assert "`order_id` (`integer` -> `bigint`)" in result.diagnostics[0].message
    assert git(repo, "status", "--porcelain") == status and (repo / ".git/index").read_bytes() == index


def test_clean_refactors_stay_quiet(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, analytics())
    (repo / "analytics/models/fct_orders.yml").write_text(
        "# the orders\n" + YML.replace("integer\n", "INTEGER\n") + "      - name: note\n        data_type: varchar\n"
    )
    (repo / "analytics/models/fct_orders.sql").write_text("-- one row per order\nselect 1 as order_id,  2 as amount, 'x' as note\n")
    assert codes(run(repo)) == []


@pytest.mark.parametrize("ref", ["no-such-branch", "origin/main", "0" * 40])
def test_unknown_base_is_a_usage_error_that_says_how_to_fetch(tmp_path: Path, ref: str, run_cli, monkeypatch) -> None:  # noqa: ANN001
    repo = make_repo(tmp_path, analytics())
    monkeypatch.chdir(repo)
    done = run_cli("check", ".", "--base", ref)
    assert done.exit_code == 2
    assert done.stderr.count("\n") == 1 and "git fetch" in done.stderr and ref in done.stderr and "Traceback" not in done.stderr


def test_shallow_clone_says_how_to_deepen(tmp_path: Path, run_cli, monkeypatch) -> None:  # noqa: ANN001
    origin = make_repo(tmp_path / "origin", analytics())
    (origin / "analytics/models/fct_orders.sql").write_text("select 1 as order_id, 3 as amount\n")
    git(origin, "commit", "-qam", "second")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{origin}", str(clone)], check=True)
    monkeypatch.chdir(clone)
    done = run_cli("check", ".", "--base", "HEAD~1")
    assert done.exit_code == 2 and "shallow" in done.stderr and "git fetch" in done.stderr
    assert done.stderr.count("\n") == 1


def test_not_a_git_repository(tmp_path: Path, run_cli, monkeypatch) -> None:  # noqa: ANN001
    for path, text in analytics().items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text)
    monkeypatch.chdir(tmp_path)
    done = run_cli("check", ".", "--base", "main")
    assert done.exit_code == 2 and "git work tree" in done.stderr


def test_project_absent_at_the_base_is_all_new(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, {"README.md": "nothing yet\n"})
    for path, text in analytics().items():
        (repo / path).parent.mkdir(parents=True, exist_ok=True)
        (repo / path).write_text(text)
    assert codes(run(repo)) == []


def test_unparseable_base_file_guesses_nothing(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, analytics(yml=YML + "  - name: [broken\n"))
    (repo / "analytics/models/fct_orders.yml").write_text(YML.replace("      - name: amount\n        data_type: integer\n", ""))
    assert codes(run(repo)) == []


def test_deleted_past_its_deprecation_date_is_allowed(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, analytics(yml=YML.replace("    access: public\n", "    access: public\n    deprecation_date: 2025-01-01\n")))
    (repo / "analytics/models/fct_orders.yml").unlink()
    (repo / "analytics/models/fct_orders.sql").unlink()
    assert codes(run(repo)) == []


def test_pre_commit_scoping_keeps_downstream_impact(tmp_path: Path) -> None:
    files = {
        **analytics(),
        "finance/dbt_project.yml": "name: finance\nversion: '1'\nconfig-version: 2\nprofile: finance\n",
        "finance/dependencies.yml": "projects:\n  - name: analytics\n",
        "finance/models/revenue.sql": "select o.amount\nfrom {{ ref('analytics', 'fct_orders') }} as o\n",
    }
    repo = make_repo(tmp_path, files)
    (repo / "analytics/models/fct_orders.sql").write_text("select 1 as order_id\n")
    (repo / "analytics/models/fct_orders.yml").write_text(YML.replace("      - name: amount\n        data_type: integer\n", ""))
    changed = [repo / "analytics/models/fct_orders.sql", repo / "analytics/models/fct_orders.yml"]
    found = codes(run(repo, changed=changed))
    assert ("ML502", "finance/models/revenue.sql", 1) in found


def _ml502(result: object, project_root: str) -> set[tuple[object, ...]]:
    """ML502 findings with the consumer's path relative to its project folder."""
    rows = set()
    for d in result.diagnostics:  # type: ignore[attr-defined]
        if d.code == "ML502":
            path = d.location.path.split(project_root, 1)[1]
            rows.add((d.node, d.target, d.column_name, path, d.location.line, d.message, d.severity))
    return rows


def test_consumer_export_gives_the_findings_of_the_whole_mesh(tmp_path: Path, run_cli, monkeypatch) -> None:  # noqa: ANN001
    settings = Settings(select=("ML502",))
    whole = tmp_path / "whole"
    whole.mkdir()
    downstream_pairs.write_mesh(whole, head=False)
    make_repo(whole, {})
    downstream_pairs.write_mesh(whole, head=True)
    in_one_checkout = _ml502(check([whole], settings, TODAY, whole, base_ref="HEAD"), "down/")
    assert len(in_one_checkout) >= 6

    # the consumer's repository, at the base: it knows `up` from up's export, and exports its uses
    base = tmp_path / "base"
    downstream_pairs.write_mesh(base, head=False)
    monkeypatch.chdir(tmp_path)
    # (meshlint reads only inside the checked folders: each export is put where its reader checks)
    assert run_cli("export", "up", str(base / "up"), "-o", str(base / "down" / "up.json")).exit_code == 0
    assert run_cli("export", "down", str(base / "down"), "--upstream", f"up={base / 'down' / 'up.json'}", "-o", "down.json").exit_code == 0

    # the producer's repository alone, with the consumer's export
    producer = tmp_path / "producer"
    shutil.copytree(base / "up", producer / "up")
    make_repo(producer, {})
    shutil.rmtree(producer / "up" / "models")
    downstream_pairs.write_mesh(tmp_path / "head", head=True)
    shutil.copytree(tmp_path / "head" / "up" / "models", producer / "up" / "models")
    shutil.copy(tmp_path / "down.json", producer / "down.json")
    alone = check(
        [producer], settings, TODAY, producer, base_ref="HEAD",
        downstreams=(downstream_pairs_source(producer / "down.json"),),
    )
    assert _ml502(alone, "<downstream down>/") == in_one_checkout


def downstream_pairs_source(path: Path):  # noqa: ANN201
    from meshlint.diagnostics import Location
    from meshlint.project.upstream import UpstreamSource

    return UpstreamSource("down", str(path), Location("<command line>", 1, 1))


def test_downstream_needs_base(tmp_path: Path, run_cli, monkeypatch) -> None:  # noqa: ANN001
    repo = make_repo(tmp_path, analytics())
    monkeypatch.chdir(repo)
    done = run_cli("check", ".", "--downstream", "x=y.json")
    assert done.exit_code == 2 and "--base" in done.stderr


def test_unreadable_downstream_export_fails_the_gate(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, analytics())
    result = run(repo, downstreams=(downstream_pairs_source(tmp_path / "missing.json"),))
    assert [(d.code, d.severity.value) for d in result.diagnostics if d.code == "ML006"] == [("ML006", "error")]


def test_second_run_reuses_the_written_base(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    cache = tmp_path / "cache"
    repo = make_repo(tmp_path / "repo", analytics())
    run(repo, cache_dir=cache)
    trees = list((cache / "trees").iterdir())
    assert len(trees) == 1
    stamp = os.stat(trees[0] / "analytics/models/fct_orders.sql").st_mtime_ns
    run(repo, cache_dir=cache)
    assert os.stat(trees[0] / "analytics/models/fct_orders.sql").st_mtime_ns == stamp


def test_markdown_summary_says_what_changed_and_who_is_affected(tmp_path: Path, run_cli, monkeypatch) -> None:  # noqa: ANN001
    files = {
        **analytics(),
        "finance/dbt_project.yml": "name: finance\nversion: '1'\nconfig-version: 2\nprofile: finance\n",
        "finance/dependencies.yml": "projects:\n  - name: analytics\n",
        "finance/models/revenue.sql": "select o.amount\nfrom {{ ref('analytics', 'fct_orders') }} as o\n",
    }
    repo = make_repo(tmp_path, files)
    (repo / "analytics/models/fct_orders.sql").write_text("select 1 as order_id, 2 as total\n")
    (repo / "analytics/models/fct_orders.yml").write_text(YML.replace("name: amount", "name: total"))
    monkeypatch.chdir(repo)
    done = run_cli("check", ".", "--base", "HEAD", "--format", "markdown")
    assert done.exit_code == 1
    out = done.stdout
    # ML502 says the change broke the read; the ML308 on the same read is its follow-on, not a second error
    assert out.startswith("## ❌ meshlint: 1 error, 1 warning\n")
    assert "ML308" not in out and "(1 follow-on finding not reported)" in out
    assert "| `analytics.fct_orders` | columns removed: `amount -> total`; added: `total` |" in out
    assert "- `analytics.fct_orders`: `finance.revenue` reads `amount`" in out
    assert "| 🔴 error | ML502 | `finance/models/revenue.sql:1:1` |" in out
    assert out == run_cli("check", ".", "--base", "HEAD", "--format", "markdown").stdout  # byte-stable


def _action_step(name: str) -> str:
    import yaml

    action = yaml.safe_load((Path(__file__).resolve().parent.parent / "action.yml").read_text())
    return next(step["run"] for step in action["runs"]["steps"] if step.get("name") == name)


def test_action_fetches_the_pull_requests_base_into_a_shallow_clone(tmp_path: Path, run_cli, monkeypatch) -> None:  # noqa: ANN001
    origin = make_repo(tmp_path / "origin", analytics())
    base_sha = git(origin, "rev-parse", "HEAD").strip()
    (origin / "analytics/models/fct_orders.yml").write_text(YML.replace("data_type: integer\n      - name: amount", "data_type: bigint\n      - name: amount"))
    git(origin, "commit", "-qam", "pull request")
    git(origin, "config", "uploadpack.allowReachableSHA1InWant", "true")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{origin}", str(clone)], check=True)
    output = tmp_path / "github-output"
    env = {**os.environ, "MESHLINT_BASE": "auto", "PR_BASE_SHA": base_sha, "GITHUB_OUTPUT": str(output)}
    subprocess.run(["bash", "-c", _action_step("Find the base")], cwd=clone, env=env, check=True, capture_output=True)
    assert output.read_text() == f"ref={base_sha}\n"
    monkeypatch.chdir(clone)
    done = run_cli("check", ".", "--base", base_sha, "--select", "ML501", "--format", "concise")
    assert done.stdout == "analytics/models/fct_orders.yml:2:11: ML501 [warning] Breaking change to the enforced contract of `fct_orders`: changed the type of `order_id` (`integer` -> `bigint`)\n"
