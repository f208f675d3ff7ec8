"""What real packages do in templates, in small fixtures: adapter macros dispatched on the project's
adapter, introspection in the compile pass answered by well-behaved stand-ins (the model is marked
open, never failed), templates that render to no statement, and `adapter.get_columns_in_relation`
answered from inferred columns. Checked through the engine, as `meshlint check` runs them."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from meshlint.engine import check
from meshlint.settings import Settings

TODAY = datetime.date(2026, 11, 23)
PROJECT = "name: shop\nversion: '1'\nconfig-version: 2\nprofile: shop\n"
# A package as `dbt deps` installs it: its adapter macro has no default__ implementation.
PACKAGE = {
    "dbt_packages/tools/dbt_project.yml": "name: tools\nversion: '1'\nconfig-version: 2\n",
    "dbt_packages/tools/macros/now.sql": (
        "{% macro now() %}{{ return(adapter.dispatch('now', 'tools')()) }}{% endmacro %}\n"
        "{% macro duckdb__now() %}current_timestamp{% endmacro %}\n"
        "{% macro snowflake__now() %}sysdate(){% endmacro %}\n"
        "{% macro postgres__now() %}now(){% endmacro %}\n"
        "{% macro default__now() %}{{ exceptions.raise_compiler_error('now macro not implemented for adapter ' ~ adapter.type()) }}{% endmacro %}\n"
    ),
    # as dbt_utils.get_column_values: a query's rows, or the default when there are none
    "dbt_packages/tools/macros/values.sql": (
        "{% macro column_values(relation, column, default=none) %}\n"
        "  {% if not execute %}{{ return(default or []) }}{% endif %}\n"
        "  {% call statement('values', fetch_result=true) %}select distinct {{ column }} from {{ relation }}{% endcall %}\n"
        "  {% set result = load_result('values') %}\n"
        "  {% if result and result['data'] %}{{ return(result['data'] | map(attribute=0) | list) }}{% endif %}\n"
        "  {{ return(default) }}\n"
        "{% endmacro %}\n"
    ),
}
CONTRACT = "models:\n  - name: {name}\n    config: {{contract: {{enforced: true}}, materialized: table}}\n    columns:\n{columns}"


def lint(root: Path, files: dict[str, str], dialect: str | None = "duckdb"):
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return check([root], Settings(dialect=dialect), TODAY, root)


@pytest.fixture(autouse=True)
def _no_machine_profile(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    monkeypatch.setenv("HOME", str(tmp_path_factory.mktemp("home")))
    monkeypatch.delenv("DBT_PROFILES_DIR", raising=False)


@pytest.mark.parametrize(
    ("dialect", "expected"), [("duckdb", "current_timestamp"), ("snowflake", "sysdate()"), ("redshift", "now()"), (None, "current_timestamp")]
)
def test_package_macros_dispatch_on_the_projects_adapter(tmp_path: Path, dialect: str | None, expected: str) -> None:
    """Redshift inherits postgres__; without a dialect the permissive one (DuckDB) renders, as it parses."""
    result = lint(tmp_path, {"dbt_project.yml": PROJECT, "models/m.sql": "select {{ tools.now() }} as loaded_at\n", **PACKAGE}, dialect)
    node = result.analysed.by_id["model.shop.m"]
    assert node.render.failure is None and expected in node.render.sql
    assert [d.code for d in result.diagnostics] == []


def test_introspection_in_the_compile_pass_renders_and_marks_the_model_open(tmp_path: Path) -> None:
    template = (
        "{% set statuses = tools.column_values(ref('orders'), 'status') %}\n"
        "{% set table = run_query('select 1 as n').table %}\n"
        "{% set found = {} %}{% for name, column in table.columns.items() %}{% do found.update({name: column.values()}) %}{% endfor %}\n"
        "{% set count = table.rows[0][0] %}\n"
        "select id{% if count > 10 %}, 'many' as size{% endif %}\n"
        "{% for status in statuses %}, sum(case when status = '{{ status }}' then 1 else 0 end) as n_{{ status }}{% endfor %}\n"
        "from {{ ref('orders') }} group by id\n"
    )
    result = lint(tmp_path, {
        "dbt_project.yml": PROJECT, **PACKAGE,
        "models/orders.sql": "select 1 as id, 'placed' as status\n",
        "models/report.sql": template,
        "models/report.yml": CONTRACT.format(name="report", columns="      - {name: id, data_type: integer}\n"),
    })
    node = result.analysed.by_id["model.shop.report"]
    assert node.render.failure is None and node.sql_failure is None
    assert not node.columns.closed and [c.name for c in node.columns.columns] == ["id"]
    assert [(d.code, d.node) for d in result.diagnostics] == [("ML005", "model.shop.report")]
    assert "`load_result` needs the warehouse" in result.diagnostics[0].message


def test_compile_time_helpers_compare_and_loop_over_unknowns(tmp_path: Path) -> None:
    """As dbt_date.is_before and dbt_utils.generate_series do, with a bound only a query knows."""
    template = (
        "{% set zone = modules.pytz.timezone('Europe/Amsterdam') %}\n"
        "{% set cutoff = zone.localize(modules.datetime.datetime(2030, 1, 1)) %}\n"
        "{% set n = load_result('x')['data'][0][0] %}\n"
        "{% macro powers(bound) %}{% for i in range(1, 10) %}{% if bound <= 2 ** i %}{{ return(i) }}{% endif %}{% endfor %}{% endmacro %}\n"
        "select {% for i in range(powers(n)) %}{{ i }} as p{{ i }}{% endfor %}, "
        "{{ 1 if run_started_at < cutoff else 0 }} as before_cutoff, "
        "'{{ modules.datetime.datetime(2024, 1, 1, tzinfo=modules.pytz.timezone(var('zone'))) }}' as at\n"
    )
    result = lint(tmp_path, {"dbt_project.yml": PROJECT, "models/m.sql": template})
    node = result.analysed.by_id["model.shop.m"]
    assert node.render.failure is None, node.render.failure
    assert "1 as before_cutoff" in node.render.sql and "0 as p0" in node.render.sql
    assert not node.columns.closed


def test_a_template_that_renders_no_statement_is_open_not_unparseable(tmp_path: Path) -> None:
    result = lint(tmp_path, {
        "dbt_project.yml": PROJECT,
        "models/m.sql": "{% if execute and target.name == 'prod' %}select 1 as id{% endif %}\n-- only in prod\n",
        "models/m.yml": CONTRACT.format(name="m", columns="      - {name: id, data_type: integer}\n"),
        "models/n.sql": "{{ meshlint_unknown_macro() }}\n",
        "models/n.yml": CONTRACT.format(name="n", columns="      - {name: id, data_type: integer}\n"),
    })
    found = sorted((d.code, d.node) for d in result.diagnostics)
    assert found == [("ML005", "model.shop.m"), ("ML005", "model.shop.n")]
    assert "renders to no SQL statement" in result.diagnostics[0].message


def test_a_template_whose_sql_is_broken_is_still_unparseable(tmp_path: Path) -> None:
    result = lint(tmp_path, {"dbt_project.yml": PROJECT, "models/m.sql": "select from where (\n"})
    assert [d.code for d in result.diagnostics] == ["ML003"]


def test_get_columns_in_relation_answers_with_inferred_columns(tmp_path: Path) -> None:
    """As dbt_utils.star and unpivot do: the parent's inferred columns, so the model closes."""
    template = (
        "select {% for c in adapter.get_columns_in_relation(ref('orders')) if c.name != 'secret' %}"
        "{{ c.name }}{{ ', ' if not loop.last }}{% endfor %}\nfrom {{ ref('orders') }}\n"
    )
    result = lint(tmp_path, {
        "dbt_project.yml": PROJECT,
        "models/orders.sql": "select 1 as id, 'placed' as status, 'x' as secret\n",
        "models/m.sql": template,
        "models/m.yml": CONTRACT.format(name="m", columns="      - {name: id, data_type: integer}\n      - {name: status, data_type: varchar}\n"),
    })
    node = result.analysed.by_id["model.shop.m"]
    assert node.columns.closed and [c.name for c in node.columns.columns] == ["id", "status"]
    assert [d.code for d in result.diagnostics] == []
