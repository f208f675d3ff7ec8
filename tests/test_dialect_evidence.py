"""A project with no profile and no `dialect` setting: its dialect is told from what its repository
shows, the summary says which and from what, and with nothing to go on its column names are still
inferred (types unknown), said once in the summary instead of once per model."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest

from meshlint.engine import check
from meshlint.settings import Settings
from tests.conftest import REPO

TODAY = datetime.date(2026, 11, 23)
PROJECT = "name: shop\nversion: '1'\nconfig-version: 2\nprofile: shop\n"
CONTRACT = (
    "models:\n  - name: orders\n    config: {contract: {enforced: true}, materialized: table}\n    columns:\n"
    "      - {name: id, data_type: integer}\n      - {name: amount, data_type: integer}\n"
)
SQL = "select 1 as id, 2 as amount, 'x' as note\n"


@pytest.fixture(autouse=True)
def _no_machine_profile(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    monkeypatch.setenv("HOME", str(tmp_path_factory.mktemp("home")))
    monkeypatch.delenv("DBT_PROFILES_DIR", raising=False)


def lint(root: Path, files: dict[str, str]):
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return check([root], Settings(), TODAY, root)


@pytest.mark.parametrize(
    ("files", "dialect", "origin"),
    [
        ({"profiles.yml.example": "shop:\n  target: dev\n  outputs:\n    dev:\n      type: bigquery\n"}, "bigquery",
         "adapter `bigquery` in profiles.yml.example"),
        ({"models/orders.sql": "{{ config(dist='even') }}\n" + SQL}, "redshift", "`dist` in models/orders.sql"),
        ({"requirements.txt": "dbt-core\ndbt-databricks~=1.9\n"}, "databricks", "adapter package `dbt-databricks` in requirements.txt"),
        ({"dbt_project.yml": PROJECT.replace("profile: shop", "profile: snowflake")}, "snowflake", "profile `snowflake` in dbt_project.yml"),
        ({"dbt_project.yml": PROJECT + "models:\n  shop:\n    +transient: false\n"}, "snowflake", "`transient` in dbt_project.yml"),
        ({"packages.yml": "packages:\n  - package: dbt-labs/spark_utils\n    version: 0.3.0\n"}, "spark",
         "package `dbt-labs/spark_utils` in packages.yml"),
        ({"models/orders.yml": CONTRACT.replace("integer", "int64")}, "bigquery", "data type `int64` in models/orders.yml and 1 more"),
        ({"models/stage.sql": "select $1 as id from @raw_stage/orders\n"}, "snowflake", "SQL that parses only as snowflake in models/stage.sql"),
    ],
)
def test_dialect_from_evidence(tmp_path: Path, files: dict[str, str], dialect: str, origin: str) -> None:
    result = lint(tmp_path, {"dbt_project.yml": PROJECT, "models/orders.sql": SQL, **files})
    project = result.analysed.mesh.projects[0]
    assert project.dialect == dialect
    assert project.dialect_origin == f"guessed from {origin}; set `dialect` to confirm"
    assert result.notes[0] == f"dialect {dialect} for `shop`, guessed from {origin}; set `dialect` to confirm"


def test_profile_and_setting_come_before_evidence(tmp_path: Path) -> None:
    files = {"dbt_project.yml": PROJECT, "models/orders.sql": "{{ config(dist='even') }}\n" + SQL}
    result = check([lint(tmp_path, files) and tmp_path], Settings(dialect="duckdb"), TODAY, tmp_path)
    assert result.analysed.mesh.projects[0].dialect == "duckdb"
    (tmp_path / "profiles.yml").write_text("shop:\n  target: dev\n  outputs:\n    dev:\n      type: postgres\n")
    result = check([tmp_path], Settings(dialect="duckdb"), TODAY, tmp_path)
    assert result.analysed.mesh.projects[0].dialect == "postgres"
    assert result.notes[0].startswith("dialect postgres for `shop`, from adapter `postgres` of profile `shop` in ")


def test_conflicting_evidence_of_one_kind_tells_nothing(tmp_path: Path) -> None:
    result = lint(tmp_path, {
        "dbt_project.yml": PROJECT + "models:\n  shop:\n    +transient: false\n    +dist: even\n",
        "models/orders.sql": SQL,
    })
    assert result.analysed.mesh.projects[0].dialect is None


def test_without_evidence_names_are_inferred_and_the_summary_says_so_once(tmp_path: Path) -> None:
    result = lint(tmp_path, {
        "dbt_project.yml": PROJECT,
        "models/orders.sql": SQL,
        "models/orders.yml": CONTRACT,
        "models/report.sql": "select id, note from {{ ref('orders') }}\n",
        "models/report.yml": "models:\n  - name: report\n    config: {contract: {enforced: true}}\n    columns:\n      - {name: id, data_type: integer}\n",
    })
    assert result.analysed.mesh.projects[0].dialect is None
    for uid, names in (("model.shop.orders", ["id", "amount", "note"]), ("model.shop.report", ["id", "note"])):
        columns = result.analysed.by_id[uid].columns
        assert columns.closed and [c.name for c in columns.columns] == names
        assert all(c.type is None for c in columns.columns)
    # no per-model ML005, and no contract finding guessed without a dialect
    assert [d.code for d in result.diagnostics] == []
    notes = [n for n in result.notes if "dialect" in n]
    assert notes == [
        "`shop` has no dialect (no profile, no `dialect` setting and nothing in the repository that tells the warehouse): "
        "column names are inferred with a permissive SQL dialect, types are unknown, and contracts and column uses are "
        "not checked; set `dialect` in meshlint.toml"
    ]


def test_example_without_settings_gets_every_column(tmp_path: Path) -> None:
    """The quickstart mesh ships meshlint.toml; without it, its `number` contracts tell Snowflake, and
    every model's columns come out as with the setting."""
    shutil.copytree(REPO / "examples" / "jaffle-mesh", tmp_path / "mesh")
    root = tmp_path / "mesh"
    with_setting = check([root], Settings(dialect="snowflake"), TODAY, root)
    (root / "meshlint.toml").unlink()
    guessed = check([root], Settings(), TODAY, root)
    assert {p.dialect for p in guessed.analysed.mesh.projects} == {"snowflake"}
    assert guessed.summary == with_setting.summary
    for node in with_setting.analysed.nodes:
        other = guessed.analysed.by_id[node.unique_id]
        assert other.columns == node.columns
    # and with the types renamed away, nothing tells the warehouse, yet every name is still known
    for path in root.rglob("*.yml"):
        path.write_text(path.read_text().replace("number", "integer"))
    unknown = check([root], Settings(), TODAY, root)
    assert {p.dialect for p in unknown.analysed.mesh.projects} == {None}
    assert unknown.summary.models_closed == with_setting.summary.models_closed
    for node in with_setting.analysed.nodes:
        names = [c.name.lower() for c in node.columns.columns] if node.columns else None
        other = unknown.analysed.by_id[node.unique_id].columns
        assert ([c.name.lower() for c in other.columns] if other else None) == names


def test_a_file_naming_every_adapter_tells_nothing(tmp_path: Path) -> None:
    """A package's CI requirements install every adapter (Fivetran's list dbt-spark twice)."""
    requirements = "".join(f"dbt-{a}>=1.3.0\n" for a in ("snowflake", "bigquery", "redshift", "postgres", "spark", "spark[PyHive]", "databricks"))
    result = lint(tmp_path, {"dbt_project.yml": PROJECT, "models/orders.sql": SQL, "requirements.txt": requirements})
    assert result.analysed.mesh.projects[0].dialect is None


def test_a_package_installed_for_another_package_tells_nothing(tmp_path: Path) -> None:
    """spark_utils under dbt_packages/ because a declared package depends on it, not because the project runs on Spark."""
    result = lint(tmp_path, {
        "dbt_project.yml": PROJECT,
        "models/orders.sql": SQL,
        "packages.yml": "packages:\n  - package: fivetran/stripe\n    version: 1.4.0\n",
        "dbt_packages/stripe/dbt_project.yml": "name: stripe\nconfig-version: 2\n",
        "dbt_packages/stripe/packages.yml": "packages:\n  - package: dbt-labs/spark_utils\n    version: 0.3.0\n",
        "dbt_packages/spark_utils/dbt_project.yml": "name: spark_utils\nconfig-version: 2\n",
    })
    assert result.analysed.mesh.projects[0].dialect is None


RAISES_FOR_OTHER_ADAPTERS = """\
{% macro hash_text(column) %}{{ return(adapter.dispatch('hash_text', 'shop')(column)) }}{% endmacro %}
{% macro default__hash_text(column) %}{{ exceptions.raise_compiler_error("Unknown adapter '" ~ target.type ~ "'") }}{% endmacro %}
{% macro snowflake__hash_text(column) %}sha2({{ column }}){% endmacro %}
"""


@pytest.mark.parametrize(("dialect", "codes"), [(None, []), ("snowflake", []), ("duckdb", ["ML002"])])
def test_what_a_template_raises_for_an_assumed_adapter_is_no_error(tmp_path: Path, dialect: str | None, codes: list[str]) -> None:
    """Without a dialect, templates render as a permissive adapter's; a macro that rejects that adapter
    says nothing about the project (its model is open, and says why); with the dialect told, it does."""
    files = {"dbt_project.yml": PROJECT, "macros/hash_text.sql": RAISES_FOR_OTHER_ADAPTERS,
             "models/orders.sql": "select 1 as id, {{ hash_text(\"'x'\") }} as digest\n"}
    lint(tmp_path, files)
    result = check([tmp_path], Settings(dialect=dialect), TODAY, tmp_path)
    assert [d.code for d in result.diagnostics] == codes
    columns = result.analysed.by_id["model.shop.orders"].columns
    if dialect is None:
        assert columns is not None and not columns.closed and "raised for adapter `duckdb`" in columns.reasons[0]
