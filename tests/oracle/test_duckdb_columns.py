"""meshlint's inferred columns and types equal what DuckDB reports for the models real dbt builds.

Real dbt-core with dbt-duckdb (and dbt-loom for the cross-project ref) builds two meshes into DuckDB
files in a temporary folder, in one worker process (dbt keeps state in globals; the worker resets it
between projects with `dbt_runner._DbtSession`):

* `mesh/` (analytics, then finance): the oracle mesh, unmutated;
* `columns_mesh/` (columns_lab): one model per kind of SQL, from CTEs over `select *` to window
  functions, unions, casts, date and string functions, literals and nested types; and the constructs
  whose shape the warehouse decides by fixed rules: unaliased expressions, duplicate names, VALUES,
  PIVOT/UNPIVOT, UNION BY NAME, COLUMNS()/LIKE star filters (also inside expressions and with a lambda), star
  modifiers, api.Column, a contract's order, table functions in FROM, named windows, unnest of a struct,
  CASE/COALESCE of lists and structs, a star over a STRUCT column, UNPIVOT with COLUMNS() in its input.

The worker reads each built relation's columns from DuckDB's `information_schema.columns`. Then, for
every model meshlint reports as closed (its column list is complete):

* the column names are the same, in the same order (a table with an enforced contract in the YAML's
  order, which dbt writes it in: contract_order.py);
* where meshlint knows a column's type, `type_class('duckdb', type)` is DuckDB's type name.

Where meshlint and DuckDB disagree today, the column is listed in KNOWN_DIFFERENCES with its reason;
a column meshlint leaves untyped is listed in UNKNOWN_TYPES; a model meshlint does not close, in
NOT_CLOSED. The lists are exact: a new difference fails, and so does an entry that no longer applies.

Needs requirements-oracle.txt; skipped when dbt or duckdb cannot be imported, unless
$MESHLINT_DBT_PYTHON names an interpreter that has them. Run with:

    /work/.venv-dbt/bin/python -m pytest tests/oracle/test_duckdb_columns.py -q -p no:cacheprovider
"""

from __future__ import annotations

import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

if not os.environ.get("MESHLINT_DBT_PYTHON"):
    pytest.importorskip("dbt.cli.main", reason="dbt-core is not installed (see requirements-oracle.txt)")
    pytest.importorskip("duckdb", reason="duckdb is not installed (see requirements-oracle.txt)")

pytestmark = pytest.mark.dbt

HERE = Path(__file__).resolve().parent
ORACLE_MESH = HERE / "mesh"
COLUMNS_MESH = HERE / "columns_mesh"
#: project folders, relative to the temporary copy, in build order (finance reads analytics)
PROJECT_DIRS = ("mesh/analytics", "mesh/finance", "columns_mesh")

#: (model unique_id, column) -> (meshlint's type_class, DuckDB's type, why they differ).
#: Empty: on dbt-duckdb 1.11.1 / DuckDB 2.0.1 every type meshlint gives is the one DuckDB reports.
KNOWN_DIFFERENCES: dict[tuple[str, str], tuple[str, str, str]] = {}

_LAB = "model.columns_lab."
_DECIMAL_RULES = "DuckDB's own decimal widening (precision and scale) is not modelled: unknown, not guessed"
_SEED_VALUES = "a seed column without column_types whose values do not make dbt's type certain"

#: (model unique_id, column) -> why meshlint leaves the type unknown (DuckDB's type in the comment)
UNKNOWN_TYPES: dict[tuple[str, str], str] = {
    (_LAB + "arithmetic", "decimal_times_int"): _DECIMAL_RULES,  # DECIMAL(18,2)
    (_LAB + "arithmetic", "decimal_times_decimal"): _DECIMAL_RULES,  # DECIMAL(18,4)
    (_LAB + "arithmetic", "decimal_plus_decimal"): _DECIMAL_RULES,  # DECIMAL(11,2)
    (_LAB + "arithmetic", "marked_up"): _DECIMAL_RULES,  # DECIMAL(12,3)
    (_LAB + "cased", "pricey"): _DECIMAL_RULES + " (CASE of DECIMAL(10,2) and 0)",  # DECIMAL(12,2)
    (_LAB + "cased", "category_factor"): _DECIMAL_RULES + " (CASE of 1.5 and 2)",  # DECIMAL(11,1)
    (_LAB + "coalesced", "amount_or_zero"): _DECIMAL_RULES + " (coalesce with 0)",  # DECIMAL(12,2)
    (_LAB + "coalesced", "amount_or_one_half"): _DECIMAL_RULES + " (ifnull with 1.5)",  # DECIMAL(12,2)
    (_LAB + "coalesced", "capped_amount"): _DECIMAL_RULES + " (least with 10)",  # DECIMAL(12,2)
    (_LAB + "misc_functions", "id_or_price"): _DECIMAL_RULES + " (greatest of INTEGER and DECIMAL)",  # DECIMAL(12,2)
    (_LAB + "lateral_alias", "revenue"): _DECIMAL_RULES,  # DECIMAL(29,2)
    (_LAB + "lateral_alias", "double_revenue"): _DECIMAL_RULES + " (built on `revenue`)",  # DECIMAL(38,2)
    (_LAB + "priced", "sale_price"): _DECIMAL_RULES + " (from the ephemeral model)",  # DECIMAL(12,3)
    (_LAB + "priced", "discount"): _DECIMAL_RULES,  # DECIMAL(13,3)
    (_LAB + "mixed_seed", "code"): _SEED_VALUES + " (`A-100`: text to agate, but not a plain word)",  # VARCHAR
    (_LAB + "mixed_seed", "empty"): _SEED_VALUES + " (every value null)",  # INTEGER
    (_LAB + "mixed_seed", "iso"): _SEED_VALUES + " (ISO 8601 datetimes are left out)",  # TIMESTAMP
    (_LAB + "dates", "week_after"): "dbt.dateadd renders `date + cast(7 as bigint) * interval 1 day`",  # TIMESTAMP
    (_LAB + "dates", "launch_dow"): "date_part with a string part is not typed",  # BIGINT
    (_LAB + "dates", "launched_epoch"): "epoch() is not typed",  # DOUBLE
    (_LAB + "dbt_macros", "loaded_at"): "dbt.current_timestamp renders now(), which is not typed",  # TIMESTAMPTZ
    (_LAB + "misc_functions", "loaded_at"): "now() is not typed",  # TIMESTAMP WITH TIME ZONE
    (_LAB + "misc_functions", "units_root"): "sqrt() is not typed",  # DOUBLE
    (_LAB + "misc_functions", "id_squared"): "power() is not typed",  # DOUBLE
    (_LAB + "misc_functions", "noise"): "random() is not typed",  # DOUBLE
    (_LAB + "misc_functions", "row_uuid"): "uuid() is not typed",  # UUID
    (_LAB + "misc_functions", "sku_hash"): "hash() is not typed",  # UBIGINT
    (_LAB + "misc_functions", "age_at_2025"): "age() is not typed",  # INTERVAL
    (_LAB + "nested_types", "tiny_map"): "map() is not typed",  # MAP(VARCHAR, INTEGER)
    (_LAB + "star_modifiers", "price"): _DECIMAL_RULES + " (REPLACE with price * 2)",  # DECIMAL(18,2)
    (_LAB + "unaliased_names", "(price * 2)"): _DECIMAL_RULES,  # DECIMAL(18,2)
    (_LAB + "table_functions", "range"): "a table function's column is not typed (range of dates)",  # TIMESTAMP
    (_LAB + "table_functions", "n"): "a table function's column is not typed (generate_series)",  # BIGINT
    (_LAB + "literals", "null_literal"): "a bare NULL has no type; DuckDB keeps the column as type \"NULL\"",  # "NULL"
}

#: model unique_id -> why meshlint does not report its column list as complete
NOT_CLOSED: dict[str, str] = {}


# --------------------------------------------------------------------------------------------
# The dbt side: runs in the dbt interpreter (`python -c`, started by the `built` fixture)


def build_and_describe(root: str, out: str) -> None:
    """Build every project under `root` with real dbt, then write to `out` (JSON) what dbt did and,
    for each model and seed it built, the relation's columns as DuckDB reports them."""
    sys.path.insert(0, str(HERE))
    import duckdb
    from dbt_runner import _DbtSession

    session = _DbtSession()
    report: dict[str, Any] = {"invocations": [], "relations": {}}
    for relative in PROJECT_DIRS:
        project_dir = Path(root) / relative
        invocations = session.run_project(project_dir, [], [])
        report["invocations"] += [
            {
                "project": inv.project,
                "command": inv.command,
                "success": inv.success,
                "seconds": inv.seconds,
                "error": inv.exception_message or "; ".join(f"{e.unique_id}: {e.message}" for e in inv.node_errors),
            }
            for inv in invocations
        ]
        if not all(inv.success for inv in invocations):
            break
        manifest = json.loads((project_dir / "target" / "manifest.json").read_text(encoding="utf-8"))
        project = manifest["metadata"]["project_name"]
        (database_file,) = project_dir.glob("*.duckdb")
        con = duckdb.connect(str(database_file), read_only=True)
        try:
            for unique_id, node in manifest["nodes"].items():
                if node["resource_type"] not in ("model", "seed") or node["package_name"] != project:
                    continue
                config = node["config"]
                entry = {
                    "materialized": config["materialized"],
                    "contract": bool(config.get("contract", {}).get("enforced")),
                    "yaml_columns": list(node["columns"]),
                    "relation": None,
                    "columns": [],
                }
                if config["materialized"] != "ephemeral":
                    entry["relation"] = f"{node['database']}.{node['schema']}.{node['alias']}"
                    entry["columns"] = con.execute(
                        "select column_name, data_type from information_schema.columns"
                        " where table_catalog = ? and table_schema = ? and table_name = ?"
                        " order by ordinal_position",
                        [node["database"], node["schema"], node["alias"]],
                    ).fetchall()
                report["relations"][unique_id] = entry
        finally:
            con.close()
    Path(out).write_text(json.dumps(report, indent=1), encoding="utf-8")


def _dbt_python() -> str:
    return os.environ.get("MESHLINT_DBT_PYTHON", sys.executable)


@dataclass(frozen=True)
class Built:
    relations: dict[str, dict[str, Any]]
    invocations: list[dict[str, Any]]
    seconds: float


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("duckdb-columns")
    shutil.copytree(ORACLE_MESH, root / "mesh", ignore=shutil.ignore_patterns("target", "logs", "*.duckdb*"))
    shutil.copytree(COLUMNS_MESH, root / "columns_mesh", ignore=shutil.ignore_patterns("target", "logs", "*.duckdb*"))
    out = root / "catalog.json"
    code = (
        f"import sys; sys.path.insert(0, {str(HERE)!r}); "
        f"from test_duckdb_columns import build_and_describe; build_and_describe({str(root)!r}, {str(out)!r})"
    )
    started = time.perf_counter()
    proc = subprocess.run(
        [_dbt_python(), "-c", code], cwd=root, capture_output=True, text=True, timeout=300, check=False
    )
    seconds = time.perf_counter() - started
    worker_output = f"{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    assert proc.returncode == 0 and out.exists(), f"the dbt worker failed:\n{worker_output}"
    report = json.loads(out.read_text(encoding="utf-8"))
    failed = [inv for inv in report["invocations"] if not inv["success"]]
    assert not failed, f"dbt did not build the meshes: {failed}"
    built_projects = [inv["project"] for inv in report["invocations"] if inv["command"] == "build"]
    assert built_projects == [Path(p).name for p in PROJECT_DIRS], report["invocations"]
    return Built(report["relations"], report["invocations"], seconds)


# --------------------------------------------------------------------------------------------
# The meshlint side, and the comparison


@dataclass(frozen=True)
class Inferred:
    columns: tuple[tuple[str, str | None], ...] | None  # (name, DuckDB type class or None); None: not inferred
    closed: bool
    reasons: tuple[str, ...]


@pytest.fixture(scope="module")
def inferred() -> dict[str, Inferred]:
    """meshlint's columns for every model of both meshes, read from the source tree."""
    from meshlint.analyse.types import type_class
    from meshlint.engine import check
    from meshlint.settings import find_settings_file, load_settings

    settings = load_settings(find_settings_file(ORACLE_MESH))
    result = check([ORACLE_MESH, COLUMNS_MESH], settings, datetime.date.today(), HERE)
    models = {}
    for node in result.analysed.nodes:
        columns = node.columns
        if columns is None:
            models[node.unique_id] = Inferred(None, False, ())
            continue
        pairs = tuple(
            (c.name, type_class("duckdb", c.type) if c.type is not None else None) for c in columns.columns
        )
        models[node.unique_id] = Inferred(pairs, columns.closed, tuple(columns.reasons))
    return models


def normalise(type_name: str) -> str:
    """A type name as compared: upper-case, single spaces, no spaces around commas.

    >>> normalise("decimal(18, 3)"), normalise("STRUCT(a INTEGER,  b VARCHAR)")
    ('DECIMAL(18,3)', 'STRUCT(A INTEGER,B VARCHAR)')
    """
    return re.sub(r"\s*,\s*", ",", " ".join(type_name.split())).upper()


@dataclass
class Comparison:
    models: list[str]
    skipped: dict[str, str]  # closed models without a relation (ephemeral): why
    not_closed: dict[str, str]
    name_problems: list[str]
    columns_compared: int
    unknown: dict[tuple[str, str], str]  # column -> DuckDB's type
    differences: dict[tuple[str, str], tuple[str, str]]  # column -> (meshlint, DuckDB)

    def summary(self) -> str:
        lines = [
            f"{len(self.models)} models compared, {self.columns_compared} columns compared "
            f"({self.columns_compared - len(self.unknown)} typed, {len(self.unknown)} with unknown type), "
            f"{len(self.differences)} type differences",
        ]
        lines += [f"  not closed: {uid}" for uid in sorted(self.not_closed)]
        lines += [f"  no relation: {uid} ({why})" for uid, why in sorted(self.skipped.items())]
        lines += [f"  unknown type: {uid} {col} (DuckDB {t})" for (uid, col), t in sorted(self.unknown.items())]
        lines += [
            f"  difference: {uid} {col}: meshlint {m}, DuckDB {d}"
            for (uid, col), (m, d) in sorted(self.differences.items())
        ]
        return "\n".join(lines)


def compare(built: Built, inferred: dict[str, Inferred]) -> Comparison:
    result = Comparison([], {}, {}, [], 0, {}, {})
    for uid, model in sorted(inferred.items()):
        if not model.closed or model.columns is None:
            result.not_closed[uid] = "; ".join(model.reasons) or "not inferred"
            continue
        relation = built.relations.get(uid)
        if relation is None:
            result.name_problems.append(f"{uid}: meshlint infers it, dbt did not build it")
            continue
        if relation["relation"] is None:
            result.skipped[uid] = relation["materialized"]
            continue
        result.models.append(uid)
        actual = [(name, normalise(data_type)) for name, data_type in relation["columns"]]
        actual_names = [name for name, _ in actual]
        names = [name for name, _ in model.columns]
        if sorted(names) != sorted(actual_names):
            result.name_problems.append(f"{uid}: meshlint {names}, DuckDB {actual_names}")
            continue
        ordered_by_yaml = relation["contract"] and relation["materialized"] in ("table", "incremental")
        if actual_names != names:
            result.name_problems.append(f"{uid}: DuckDB's order {actual_names}, meshlint's {names}")
        elif ordered_by_yaml and names != relation["yaml_columns"]:
            result.name_problems.append(f"{uid}: a contracted table not in the YAML's order: {names}")
        duckdb_types = dict(actual)
        for name, meshlint_type in model.columns:
            result.columns_compared += 1
            if meshlint_type is None:
                result.unknown[(uid, name)] = duckdb_types[name]
            elif normalise(meshlint_type) != duckdb_types[name]:
                result.differences[(uid, name)] = (normalise(meshlint_type), duckdb_types[name])
    return result


@pytest.fixture(scope="module")
def comparison(built: Built, inferred: dict[str, Inferred]) -> Comparison:
    found = compare(built, inferred)
    print(f"\n[dbt build of 3 projects: {built.seconds:.1f}s]\n{found.summary()}")
    return found


def test_every_model_is_built_and_compared(comparison: Comparison, built: Built) -> None:
    models = {uid for uid, rel in built.relations.items() if uid.startswith("model.")}
    compared = set(comparison.models) | set(comparison.skipped) | set(comparison.not_closed)
    assert compared == models, f"models dbt built that meshlint does not know, or vice versa: {compared ^ models}"
    assert len(comparison.models) >= 25, comparison.summary()


def test_column_names_and_order_match_duckdb(comparison: Comparison) -> None:
    assert not comparison.name_problems, "\n".join(comparison.name_problems)


def test_not_closed_models_are_the_listed_ones(comparison: Comparison) -> None:
    new = sorted(set(comparison.not_closed) - set(NOT_CLOSED))
    gone = sorted(set(NOT_CLOSED) - set(comparison.not_closed))
    assert not new and not gone, "\n".join(
        [f"newly not closed: {uid}: {comparison.not_closed[uid]}" for uid in new]
        + [f"closed now, remove from NOT_CLOSED: {uid}" for uid in gone]
    )


def test_column_types_match_duckdb(comparison: Comparison) -> None:
    known = {key: (m, d) for key, (m, d, _) in KNOWN_DIFFERENCES.items()}
    new = {key: diff for key, diff in comparison.differences.items() if known.get(key) != diff}
    gone = sorted(set(known) - set(comparison.differences))
    assert not new and not gone, "\n".join(
        [f"new difference: {uid} {col}: meshlint {m}, DuckDB {d}" for (uid, col), (m, d) in sorted(new.items())]
        + [f"no longer differs, remove from KNOWN_DIFFERENCES: {uid} {col}" for uid, col in gone]
    )


def test_unknown_types_are_the_listed_ones(comparison: Comparison) -> None:
    new = sorted(set(comparison.unknown) - set(UNKNOWN_TYPES))
    gone = sorted(set(UNKNOWN_TYPES) - set(comparison.unknown))
    assert not new and not gone, "\n".join(
        [f"newly unknown: {uid} {col} (DuckDB {comparison.unknown[(uid, col)]})" for uid, col in new]
        + [f"typed now, remove from UNKNOWN_TYPES: {uid} {col}" for uid, col in gone]
    )


def test_a_wrong_type_or_order_is_caught(built: Built, inferred: dict[str, Inferred]) -> None:
    """Sabotage: a wrong type, two swapped columns and a missing column are all reported."""
    casts, stg, strings = _LAB + "casts", _LAB + "stg_products", _LAB + "strings"

    def edited(uid: str, columns: tuple[tuple[str, str | None], ...]) -> dict[str, Inferred]:
        return {**inferred, uid: Inferred(columns, True, ())}

    (name, _), *rest = inferred[casts].columns  # type: ignore[misc]
    found = compare(built, edited(casts, ((name, "INTEGER"), *rest)))
    assert found.differences == {(casts, "product_id_text"): ("INTEGER", "VARCHAR")}

    first, second, *rest = inferred[stg].columns  # type: ignore[misc]
    found = compare(built, edited(stg, (second, first, *rest)))
    assert [p.split(":")[0] for p in found.name_problems] == [stg]

    found = compare(built, edited(strings, inferred[strings].columns[:-1]))  # type: ignore[index]
    assert [p.split(":")[0] for p in found.name_problems] == [strings]
