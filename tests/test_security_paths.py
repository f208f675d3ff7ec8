"""Every path a project file, the settings or the command line names is resolved (symbolic links
included) and must stay inside the checked folders; one that leaves them is an ML001 finding on the
line that names it (exit 1), never a silent skip, and nothing outside is read."""

from __future__ import annotations

import datetime
import json
import os
from pathlib import Path

import pytest

from meshlint.engine import check
from meshlint.settings import Settings, parse_settings
from tests.conftest import TODAY

DAY = datetime.date(2026, 11, 23)


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder next to the checked one, holding what a hostile path would point at."""
    folder = tmp_path / "outside"
    (folder / "models").mkdir(parents=True)
    (folder / "models" / "stolen.sql").write_text("select 1 as secret_column\n")
    (folder / "secret.yml").write_text("models:\n  - name: stolen\n")
    (folder / "seed.csv").write_text("secret_column\n1\n")
    return folder


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "models").mkdir(parents=True)
    (root / "models" / "orders.sql").write_text("select 1 as id\n")
    return root


def _write_project(root: Path, extra: str = "") -> None:
    (root / "dbt_project.yml").write_text(f"name: shop\nconfig-version: 2\n{extra}")


def _findings(root: Path, settings: Settings | None = None, **kwargs: object) -> list[tuple[str, str, int, str]]:
    result = check([root], settings or Settings(dialect="duckdb"), DAY, root, **kwargs)  # type: ignore[arg-type]
    return [(d.code, d.location.path, d.location.line, d.message) for d in result.diagnostics]


def _nothing_read_from(root: Path, settings: Settings | None = None) -> None:
    result = check([root], settings or Settings(dialect="duckdb"), DAY, root)
    assert "stolen" not in {n.node.name for n in result.analysed.nodes}
    assert "secret_column" not in json.dumps([d.message for d in result.diagnostics])


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("model-paths", '["models", "../outside/models"]'),
        ("model-paths", '["models", "{outside}/models"]'),
        ("macro-paths", '["../outside"]'),
        ("seed-paths", '["../outside"]'),
        ("snapshot-paths", '["../outside"]'),
    ],
)
def test_project_path_outside_is_a_finding_on_its_line(key: str, value: str, repo: Path, outside: Path) -> None:
    _write_project(repo, f"{key}: {value.format(outside=outside)}\n")
    found = [(code, path, line) for code, path, line, _ in _findings(repo)]
    assert found == [("ML001", "dbt_project.yml", 3)]
    _nothing_read_from(repo)


def test_the_issue_case_etc(repo: Path) -> None:
    _write_project(repo, 'model-paths: ["../../../../../etc"]\n')
    found = _findings(repo)
    assert [(c, p, line) for c, p, line, _ in found] == [("ML001", "dbt_project.yml", 3)]
    assert "`model-paths` entry `../../../../../etc` resolves outside the checked folders" in found[0][3]


def test_packages_install_path_outside(repo: Path, outside: Path) -> None:
    package = outside / "pkg"
    package.mkdir()
    (package / "dbt_project.yml").write_text("name: pkg\nconfig-version: 2\n")
    _write_project(repo, "packages-install-path: ../outside\n")
    assert [(c, p, line) for c, p, line, _ in _findings(repo)] == [("ML001", "dbt_project.yml", 3)]


def test_packages_install_path_inside_is_used(repo: Path) -> None:
    package = repo / "vendor" / "pkg"
    (package / "macros").mkdir(parents=True)
    (package / "dbt_project.yml").write_text("name: pkg\nconfig-version: 2\n")
    (package / "macros" / "m.sql").write_text("{% macro cents() %}100{% endmacro %}")
    (repo / "models" / "orders.sql").write_text("select {{ pkg.cents() }} as id\n")
    _write_project(repo, "packages-install-path: vendor\n")
    result = check([repo], Settings(dialect="duckdb"), DAY, repo)
    assert result.diagnostics == ()
    assert "pkg" in {p.name for p in result.analysed.mesh.projects}


@pytest.mark.parametrize("name", ["models/stolen.sql", "models/stolen.yml", "seeds/stolen.csv", "macros/stolen.sql"])
def test_symlinked_file_to_outside_is_a_finding(name: str, repo: Path, outside: Path) -> None:
    _write_project(repo)
    link = repo / name
    link.parent.mkdir(exist_ok=True)
    target = {"sql": outside / "models" / "stolen.sql", "yml": outside / "secret.yml", "csv": outside / "seed.csv"}[name.rsplit(".", 1)[1]]
    link.symlink_to(target)
    found = _findings(repo)
    assert [(c, p, line) for c, p, line, _ in found] == [("ML001", name, 1)]
    assert "outside the checked folders" in found[0][3]
    _nothing_read_from(repo)


def test_symlinked_model_folder_to_outside(repo: Path, outside: Path) -> None:
    (repo / "linked").symlink_to(outside / "models")
    _write_project(repo, 'model-paths: ["models", "linked"]\n')
    assert [(c, p, line) for c, p, line, _ in _findings(repo)] == [("ML001", "dbt_project.yml", 3)]
    _nothing_read_from(repo)


def test_symlink_that_stays_inside_is_read(repo: Path) -> None:
    (repo / "shared").mkdir()
    (repo / "shared" / "customers.sql").write_text("select 1 as id\n")
    (repo / "models" / "customers.sql").symlink_to(repo / "shared" / "customers.sql")
    _write_project(repo)
    result = check([repo], Settings(dialect="duckdb"), DAY, repo)
    assert result.diagnostics == () and "customers" in {n.node.name for n in result.analysed.nodes}


def test_project_without_models_says_so(repo: Path) -> None:
    _write_project(repo, 'model-paths: ["modles"]\n')
    found = _findings(repo)
    assert [(c, p, line) for c, p, line, _ in found] == [("ML001", "dbt_project.yml", 3)]
    assert found[0][3].startswith("Project `shop` has no models: its model paths (`modles`) hold no .sql or .py file")


def test_a_local_package_without_models_is_not_reported(repo: Path) -> None:
    macros = repo / "macros_pkg"
    (macros / "macros").mkdir(parents=True)
    (macros / "dbt_project.yml").write_text("name: macros_pkg\nconfig-version: 2\n")
    (repo / "packages.yml").write_text("packages:\n  - local: macros_pkg\n")
    _write_project(repo)
    assert _findings(repo) == []


def test_catalog_and_upstream_outside_are_findings(repo: Path, outside: Path) -> None:
    _write_project(repo)
    (outside / "catalog.json").write_text('{"nodes": {}, "sources": {}}')
    (outside / "manifest.json").write_text("{}")
    settings = parse_settings(
        {"dialect": "duckdb", "catalog": ["../outside/catalog.json"], "upstream": {"finance": {"manifest": "../outside/manifest.json"}}},
        str(repo / "meshlint.toml"),
    )
    found = {(c, Path(p).name, line) for c, p, line, _ in _findings(repo, settings)}
    assert found == {("ML001", "catalog.json", 1), ("ML006", "meshlint.toml", 1)}
    messages = " ".join(m for *_, m in _findings(repo, settings))
    assert "outside the checked folders" in messages


def test_extra_roots_let_settings_name_a_folder_outside(repo: Path, outside: Path) -> None:
    _write_project(repo)
    (outside / "catalog.json").write_text('{"nodes": {}, "sources": {}}')
    settings = parse_settings({"dialect": "duckdb", "catalog": ["../outside/catalog.json"], "extra-roots": ["../outside"]}, str(repo / "meshlint.toml"))
    assert _findings(repo, settings) == []


def test_command_line_upstream_outside_exits_1(mesh_copy: Path, run_cli, tmp_path: Path) -> None:
    run_cli("export", "analytics", ".", "-o", str(tmp_path / "analytics.json"))
    result = run_cli("check", "finance", "--today", TODAY, "--format", "json", "--upstream", f"analytics={tmp_path / 'analytics.json'}")
    problems = [d for d in result.json["diagnostics"] if d["code"] == "ML006"]
    assert result.exit_code == 1 and len(problems) == 1 and "outside the checked folders" in problems[0]["message"]


def test_export_with_an_unusable_upstream_fails_instead_of_listing_no_uses(mesh_copy: Path, run_cli, tmp_path: Path) -> None:
    run_cli("export", "analytics", ".", "-o", str(tmp_path / "analytics.json"))
    result = run_cli("export", "finance", "finance", "--upstream", f"analytics={tmp_path / 'analytics.json'}", "-o", str(tmp_path / "finance.json"))
    assert result.exit_code == 2 and "outside the checked folders" in result.stderr
    assert not (tmp_path / "finance.json").exists()


def test_fifo_is_not_waited_on(repo: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    _write_project(repo)
    os.mkfifo(repo / "models" / "pipe.sql")
    found = _findings(repo)
    assert [(c, p) for c, p, *_ in found] == [("ML001", "models/pipe.sql")]
