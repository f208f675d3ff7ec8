"""A project whose model paths hold no model: dbt parses it and `dbt build` only warns "Nothing to
do", or builds its packages' models (a package's integration_tests project has no models of its own).
meshlint matches: a warning when dbt would build nothing, nothing when a package, seed or snapshot
gives dbt something to build; never an error."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from meshlint.diagnostics import Severity
from meshlint.engine import check
from meshlint.settings import Settings
from tests.oracle.dbt_runner import run_dbt

DAY = datetime.date(2026, 11, 23)
PROFILE = "shop:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: {path}\n"


def _project(root: Path, extra: str = "") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "dbt_project.yml").write_text(f"name: shop_tests\nversion: '1.0'\nconfig-version: 2\nprofile: shop\n{extra}")
    (root / "profiles.yml").write_text(PROFILE.format(path=root / "shop.duckdb"))
    return root


def _package(root: Path, *, model: bool) -> None:
    """`shop` installed under dbt_packages/, as `dbt deps` leaves a `local: ../` or hub package."""
    package = root / "dbt_packages" / "shop"
    (package / "models").mkdir(parents=True)
    (package / "macros").mkdir()
    (package / "dbt_project.yml").write_text("name: shop\nversion: '1.0'\nconfig-version: 2\n")
    if model:
        (package / "models" / "orders.sql").write_text("select 1 as order_id\n")
    (root / "packages.yml").write_text("packages:\n  - local: dbt_packages/shop\n")


def _findings(root: Path) -> list[tuple[str, Severity, str]]:
    result = check([root], Settings(), DAY, root)
    return [(d.code, d.severity, d.message) for d in result.diagnostics]


def test_integration_tests_project_whose_models_come_from_a_package(tmp_path: Path) -> None:
    root = _project(tmp_path / "integration_tests")
    _package(root, model=True)
    assert _findings(root) == []


def test_seeds_alone_give_dbt_something_to_build(tmp_path: Path) -> None:
    root = _project(tmp_path / "seeds_only")
    (root / "seeds").mkdir()
    (root / "seeds" / "raw_orders.csv").write_text("order_id\n1\n")
    assert _findings(root) == []


@pytest.mark.parametrize("packaged", [False, True], ids=["alone", "package-of-macros"])
def test_nothing_to_build_is_a_warning(tmp_path: Path, packaged: bool) -> None:
    root = _project(tmp_path / "empty")
    if packaged:
        _package(root, model=False)
    found = _findings(root)
    assert [(code, severity) for code, severity, _ in found] == [("ML001", Severity.WARNING)]
    assert found[0][2].startswith("Project `shop_tests` has no models")


@pytest.mark.dbt
def test_real_dbt_builds_a_package_s_models_and_only_warns_on_an_empty_project(tmp_path: Path) -> None:
    pytest.importorskip("dbt.adapters.duckdb")
    with_package = _project(tmp_path / "integration_tests")
    _package(with_package, model=True)
    empty = _project(tmp_path / "empty")
    for root in (with_package, empty):
        parsed = run_dbt(root, "parse")
        assert parsed.returncode == 0, parsed.stdout + parsed.stderr
    built = run_dbt(with_package, "build")
    assert built.returncode == 0 and "PASS=1" in built.stdout, built.stdout
    nothing = run_dbt(empty, "build")
    assert nothing.returncode == 0 and "Nothing to do" in nothing.stdout, nothing.stdout
