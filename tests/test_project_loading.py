"""Loading real dbt project shapes: seeds, snapshots, packages (installed, local, missing),
disabled models and dispatch configuration, checked through the engine."""

from __future__ import annotations

import datetime
from pathlib import Path

from meshlint.engine import check
from meshlint.settings import Settings

TODAY = datetime.date(2026, 11, 23)


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def run(root: Path) -> tuple[set[tuple[str, str | None]], object]:
    result = check([root], Settings(dialect="duckdb"), TODAY, root)
    return {(d.code, d.node) for d in result.diagnostics}, result


PROJECT = "name: shop\nversion: '1'\nconfig-version: 2\n"


def test_seed_is_a_ref_target_with_typed_columns(tmp_path: Path) -> None:
    write(tmp_path, {
        "dbt_project.yml": PROJECT + "seeds:\n  shop:\n    countries:\n      +column_types:\n        code: varchar\n        population: bigint\n",
        "seeds/countries.csv": "code,population,name\nNL,18000000,Netherlands\n",
        "models/m.sql": "select code, population, name from {{ ref('countries') }}",
        "models/m.yml": "models:\n  - name: m\n    config: {contract: {enforced: true}}\n    columns:\n"
        "      - {name: code, data_type: varchar}\n      - {name: population, data_type: integer}\n      - {name: name, data_type: varchar}\n",
    })
    found, result = run(tmp_path)
    # population is a bigint seed column declared integer: DuckDB's contract check rejects it
    assert found == {("ML103", "model.shop.m")}
    columns = result.analysed.by_id["model.shop.m"].columns
    assert columns.closed and [c.name for c in columns.columns] == ["code", "population", "name"]
    # no column_types for `name`: dbt types it from the values, a plain word, so text
    assert columns.columns[2].type is not None and columns.columns[2].type.sql("duckdb") == "TEXT"


def test_seed_columns_without_column_types_are_typed_only_when_certain(tmp_path: Path) -> None:
    write(tmp_path, {
        "dbt_project.yml": PROJECT,
        "seeds/things.csv": "id,price,sku,added_on,flag,blank\n1,1.50,A-1,2024-05-01,true,\n2,2.00,B-2,2024-05-02,False,\n",
    })
    _, result = run(tmp_path)
    seed = next(n for p in result.analysed.mesh.projects for n in p.nodes if n.unique_id == "seed.shop.things")
    assert dict(seed.published_columns) == {
        "id": "INTEGER", "price": "DOUBLE", "sku": None, "added_on": "DATE", "flag": "BOOLEAN", "blank": None,
    }


def test_snapshot_is_a_ref_target_with_dbt_columns(tmp_path: Path) -> None:
    write(tmp_path, {
        "dbt_project.yml": PROJECT,
        "snapshots/orders_snapshot.sql": "-- history of orders\n{% snapshot orders_snapshot %}\n"
        "{{ config(unique_key='id', strategy='check', check_cols='all') }}\nselect 1 as id\n{% endsnapshot %}\n",
        "models/m.sql": "select * from {{ ref('orders_snapshot') }}",
        "models/m.yml": "models:\n  - name: m\n    config: {contract: {enforced: true}}\n    columns:\n      - {name: id, data_type: integer}\n",
    })
    found, result = run(tmp_path)
    columns = result.analysed.by_id["snapshot.shop.orders_snapshot"].columns
    assert [c.name for c in columns.columns] == ["id", "dbt_scd_id", "dbt_updated_at", "dbt_valid_from", "dbt_valid_to"]
    # the snapshot's bookkeeping columns reach the model through select *, undeclared
    assert found == {("ML102", "model.shop.m")}
    assert sum(1 for d in result.diagnostics if d.code == "ML102") == 4


def test_refs_into_a_package_that_is_not_installed_are_not_guessed(tmp_path: Path) -> None:
    write(tmp_path, {
        "dbt_project.yml": PROJECT,
        "packages.yml": "packages:\n  - package: calogica/dbt_date\n    version: 0.10.0\n",
        "models/m.sql": "select * from {{ ref('dates') }}",
    })
    assert run(tmp_path)[0] == set()
    (tmp_path / "packages.yml").unlink()
    assert run(tmp_path)[0] == {("ML303", "model.shop.m")}


def test_installed_package_models_and_macros(tmp_path: Path) -> None:
    write(tmp_path, {
        "dbt_project.yml": PROJECT,
        "packages.yml": "packages:\n  - package: acme/calendar\n    version: 1.0.0\n",
        "dbt_packages/calendar/dbt_project.yml": "name: calendar\nversion: '1'\nconfig-version: 2\n",
        "dbt_packages/calendar/models/dates.sql": "select cast('2020-01-01' as date) as day",
        "dbt_packages/calendar/macros/days.sql": "{% macro day_col() %}day{% endmacro %}",
        "models/m.sql": "select {{ calendar.day_col() }} from {{ ref('dates') }}",
    })
    found, result = run(tmp_path)
    assert found == set()
    columns = result.analysed.by_id["model.shop.m"].columns
    assert columns.closed and [(c.name, c.type.sql("duckdb")) for c in columns.columns] == [("day", "DATE")]


def test_local_package_is_not_a_mesh_project(tmp_path: Path) -> None:
    write(tmp_path, {
        "dbt_project.yml": PROJECT,
        "packages.yml": "packages:\n  - local: local_packages/pkg\n",
        "local_packages/pkg/dbt_project.yml": "name: pkg\nversion: '1'\nconfig-version: 2\n",
        "local_packages/pkg/models/pkg_model.sql": "select 1 as id",
        "models/m.sql": "select id from {{ ref('pkg_model') }}",
    })
    assert run(tmp_path)[0] == set()  # protected, but a package without restrict-access is local
    (tmp_path / "local_packages/pkg/dbt_project.yml").write_text("name: pkg\nversion: '1'\nconfig-version: 2\nrestrict-access: true\n")
    assert run(tmp_path)[0] == {("ML301", "model.shop.m")}


def test_disabled_model_is_not_checked_and_refs_to_it_are_flagged(tmp_path: Path) -> None:
    write(tmp_path, {
        "dbt_project.yml": PROJECT,
        "models/old.sql": "{{ config(enabled=false) }}\nselect 1 as id",
        "models/old.yml": "models:\n  - name: old\n    config: {contract: {enforced: true}}\n    columns:\n      - {name: nope, data_type: int}\n",
        "models/m.sql": "select * from {{ ref('legacy') }}",
        "models/legacy.sql": "select 1 as id",
        "models/legacy.yml": "models:\n  - name: legacy\n    config: {enabled: false}\n",
    })
    found, _ = run(tmp_path)
    assert found == {("ML303", "model.shop.m")}


def test_dispatch_search_order_prefers_the_project_override(tmp_path: Path) -> None:
    write(tmp_path, {
        "dbt_project.yml": PROJECT + "dispatch:\n  - macro_namespace: dbt\n    search_order: ['shop', 'dbt']\n",
        "macros/my_datediff.sql": "{% macro duckdb__datediff(a, b, part) %}42{% endmacro %}",
        "models/m.sql": "select {{ datediff('a', 'b', 'day') }} as days",
    })
    _, result = run(tmp_path)
    assert result.analysed.by_id["model.shop.m"].render.sql.strip() == "select 42 as days"


def test_catalog_completes_a_source(tmp_path: Path) -> None:
    import json

    write(tmp_path, {
        "dbt_project.yml": PROJECT,
        "models/src.yml": "sources:\n  - name: raw\n    tables:\n      - name: orders\n        columns:\n          - {name: id, data_type: integer}\n",
        "models/m.sql": "select * from {{ source('raw', 'orders') }}",
        "models/m.yml": "models:\n  - name: m\n    config: {contract: {enforced: true}}\n    columns:\n      - {name: id, data_type: integer}\n",
    })
    found, result = run(tmp_path)
    assert not result.analysed.by_id["model.shop.m"].columns.closed  # YAML source columns may be partial
    catalog = {"nodes": {}, "sources": {"source.shop.raw.orders": {"columns": {
        "id": {"name": "id", "type": "INTEGER", "index": 1},
        "amount": {"name": "amount", "type": "DECIMAL(10,2)", "index": 2},
    }}}}
    (tmp_path / "catalog.json").write_text(json.dumps(catalog))
    result = check([tmp_path], Settings(dialect="duckdb", catalog=("catalog.json",)), TODAY, tmp_path)
    columns = result.analysed.by_id["model.shop.m"].columns
    assert columns.closed and [c.name for c in columns.columns] == ["id", "amount"]
    assert {(d.code, d.column_name) for d in result.diagnostics} == {("ML102", "amount")}


def test_jinja_in_yaml_values_and_vars(tmp_path: Path) -> None:
    write(tmp_path, {
        "dbt_project.yml": PROJECT + "vars:\n  id_type: bigint\n  legacy_enabled: false\n  orders: \"{{ source('raw', 'orders') }}\"\n"
        "models:\n  shop:\n    legacy:\n      +enabled: \"{{ var('legacy_enabled') }}\"\n",
        "models/src.yml": "sources:\n  - name: raw\n    tables:\n      - name: orders\n",
        "models/m.sql": "select cast(1 as integer) as id from {{ var('orders') }}",
        "models/m.yml": "models:\n  - name: m\n    config: {contract: {enforced: true}}\n    columns:\n"
        "      - {name: id, data_type: \"{{ var('id_type') }}\"}\n",
        "models/legacy/old.sql": "select nope from broken",
        "models/legacy/old.yml": "models:\n  - name: old\n    config: {contract: {enforced: true}}\n    columns:\n      - {name: other, data_type: int}\n",
    })
    found, result = run(tmp_path)
    assert found == {("ML103", "model.shop.m")}  # integer in the SQL, bigint in the rendered contract
    assert [s.source for s in result.analysed.by_id["model.shop.m"].render.sources] == ["raw"]
    assert "model.shop.old" not in result.analysed.by_id  # disabled through var()


def test_graph_lists_the_mesh_nodes(tmp_path: Path) -> None:
    write(tmp_path, {
        "dbt_project.yml": PROJECT,
        "models/a.sql": "select 1 as id",
        "models/b.sql": "{% for node in graph.nodes.values() | sort(attribute='name') %}"
        "select '{{ node.name }}' as {{ node.name }}_name{% if not loop.last %} union all {% endif %}{% endfor %}",
    })
    _, result = run(tmp_path)
    b = result.analysed.by_id["model.shop.b"]
    assert b.render.used_graph
    assert b.render.sql == "select 'a' as a_name union all select 'b' as b_name"


def test_a_real_project_renders_and_infers(tmp_path: Path, monkeypatch) -> None:
    """Project macros, a package macro under dbt_packages/ with an adapter-specific override
    chosen by dispatch, var, env_var with a default, is_incremental() and dbt_utils.star over a
    ref (without dbt_utils installed): every model renders and its columns are right."""
    monkeypatch.delenv("SHOP_CURRENCY", raising=False)
    write(tmp_path, {
        "dbt_project.yml": PROJECT + "vars:\n  min_amount: 10\n"
        "dispatch:\n  - macro_namespace: money\n    search_order: ['shop', 'money']\n",
        "packages.yml": "packages:\n  - package: acme/money\n    version: 1.0.0\n",
        "dbt_packages/money/dbt_project.yml": "name: money\nversion: '1'\nconfig-version: 2\n",
        "dbt_packages/money/macros/cents.sql": "{% macro to_cents(col) %}{{ return(adapter.dispatch('to_cents', 'money')(col)) }}{% endmacro %}\n"
        "{% macro default__to_cents(col) %}({{ col }} * 100){% endmacro %}",
        "macros/overrides.sql": "{% macro duckdb__to_cents(col) %}cast({{ col }} * 100 as bigint){% endmacro %}",
        "macros/label.sql": "{% macro currency_label() %}'{{ env_var('SHOP_CURRENCY', 'EUR') }}'{% endmacro %}",
        "models/src.yml": "sources:\n  - name: raw\n    tables:\n      - name: payments\n        columns:\n"
        "          - {name: id, data_type: integer}\n          - {name: amount, data_type: 'decimal(10,2)'}\n",
        "models/stg_payments.sql": "select id, amount from {{ source('raw', 'payments') }}",
        "models/payments.sql": "{{ config(materialized='incremental', unique_key='id') }}\n"
        "select\n    {{ dbt_utils.star(ref('stg_payments'), except=['amount']) }},\n"
        "    {{ money.to_cents('amount') }} as amount_cents,\n    {{ currency_label() }} as currency\n"
        "from {{ ref('stg_payments') }}\nwhere amount >= {{ var('min_amount') }}\n"
        "{% if is_incremental() %}  and id > (select max(id) from {{ this }}){% endif %}\n",
    })
    found, result = run(tmp_path)
    assert found == set()
    payments = result.analysed.by_id["model.shop.payments"]
    assert "cast(amount * 100 as bigint) as amount_cents" in payments.render.sql  # the project's override
    assert "'EUR' as currency" in payments.render.sql and ">= 10" in payments.render.sql
    assert "max(id)" not in payments.render.sql  # full-refresh branch, where dbt checks contracts
    assert "dbt_utils.star" in payments.render.stand_ins  # said in the text report
    columns = payments.columns
    assert columns.closed
    assert [(c.name, c.type.sql("duckdb") if c.type else None) for c in columns.columns] == [
        ("id", "INT"), ("amount_cents", "BIGINT"), ("currency", "TEXT"),
    ]


def test_every_seed_type_name_is_a_type_the_adapter_knows() -> None:
    """A typo in seed_types' table would make a seed column unknown, or worse, wrong: each name parses to a
    type of its own kind (an integer is not a float) in the adapter's dialect."""
    from meshlint.analyse.types import type_class
    from meshlint.project.seed_types import _NAMES

    for dialect, names in _NAMES.items():
        classes = {kind: type_class(dialect, name) for kind, name in names.items()}
        assert None not in classes.values(), (dialect, classes)
        assert len(set(classes.values())) == len(classes), (dialect, classes)  # six kinds, six classes


def test_property_files_parsed_in_worker_processes_load_the_same(tmp_path: Path) -> None:
    """A large project's property files are parsed in worker processes (`Reader.parse_ahead`): the same
    models, declarations and findings as parsed one by one, with and without a cache, and a broken file
    reported the same way."""
    import hashlib

    from meshlint.analyse.cache import AnalysisCache
    from meshlint.project.files import Reader
    from meshlint.project.loader import load_mesh

    files = {"dbt_project.yml": "name: shop\nprofile: shop\n", "profiles.yml": "shop:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n"}
    for n in range(Reader.MIN_PARALLEL_FILES + 6):
        files[f"models/f{n:02d}/m{n}.sql"] = f"select {n} as id"
        files[f"models/f{n:02d}/_m.yml"] = (
            f"version: 2\nmodels:\n  - name: m{n}\n    columns:\n      - name: id\n        data_type: int\n"
            if n != 3 else "models: [\n"  # a file that does not parse
        )
    root = write(tmp_path / "p", files)

    def loaded(jobs: int, cache: AnalysisCache | None) -> str:
        mesh, problems = load_mesh([root], Settings(), None, (), root, (), cache, None, jobs)
        return hashlib.sha1(repr((mesh, sorted(problems, key=repr))).encode()).hexdigest()

    one = loaded(1, None)
    assert loaded(2, None) == one
    cache = AnalysisCache(tmp_path / "cache")
    assert loaded(2, cache) == one  # parsed in workers, then stored
    cache.close()
    cache = AnalysisCache(tmp_path / "cache")
    assert loaded(2, cache) == one and cache.hits >= Reader.MIN_PARALLEL_FILES  # read back from the cache
    cache.close()
