"""Base/head pairs of contracted models, each with the verdict real dbt-core 1.11 gives when it compares
the head with the base's manifest (`state:modified` with `--state`): "error" (ContractBreakingChangeError),
"warning" (UnversionedBreakingChange) or "none".

Every pair is one model (`p01_...`) of one DuckDB project, `shop`; all the pairs' base files form the
base project and all their head files the head project, so that dbt parses each side once and
meshlint checks the head against the base in one run. `expect` is what the pair is written to show;
the oracle test asserts that dbt and meshlint both give it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

PROJECT = "shop"
DBT_PROJECT = f"name: {PROJECT}\nversion: '1.0.0'\nconfig-version: 2\nprofile: {PROJECT}\n"
PROFILES = f"{PROJECT}:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: shop.duckdb\n      threads: 1\n"
SQL = "select 1 as id, 'a' as name, 2.5 as amount"


@dataclass(frozen=True)
class Side:
    """A model's YAML entry (under `models:`; "" for none) and its SQL files by name."""

    yml: str
    sql: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Pair:
    name: str
    base: Side
    head: Side
    expect: str  # "error" | "warning" | "none"


def _entry(name: str, columns: str, *, config: str = "materialized: table\n      contract:\n        enforced: true",
           extra: str = "") -> str:
    return f"  - name: {name}\n    config:\n      {config}\n{extra}    columns:\n{columns}"


def _col(name: str, data_type: str, constraints: str = "") -> str:
    text = f"      - name: {name}\n        data_type: {data_type}\n"
    if constraints:
        text += f"        constraints:\n{constraints}"
    return text


ID, NAME, AMOUNT = _col("id", "integer"), _col("name", "varchar(10)"), _col("amount", "decimal(10, 2)")
ALL = ID + NAME + AMOUNT
NOT_NULL = "          - type: not_null\n"


def _plain(name: str, yml_base: str, yml_head: str, expect: str, sql_head: str = SQL) -> Pair:
    return Pair(name, Side(yml_base, {f"{name}.sql": SQL}), Side(yml_head, {f"{name}.sql": sql_head}), expect)


def _versioned(name: str, columns_base: str, columns_head: str, expect: str, versions_head: str = "      - v: 1\n",
               extra_head_sql: dict[str, str] | None = None, enforced_head: bool = True) -> Pair:
    def yml(columns: str, versions: str, enforced: bool = True) -> str:
        config = f"materialized: table\n      contract:\n        enforced: {str(enforced).lower()}"
        return _entry(name, columns, config=config, extra="    latest_version: 1\n") + "    versions:\n" + versions

    return Pair(
        name,
        Side(yml(columns_base, "      - v: 1\n"), {f"{name}_v1.sql": SQL}),
        Side(yml(columns_head, versions_head, enforced_head), {f"{name}_v1.sql": SQL, **(extra_head_sql or {})}),
        expect,
    )


PAIRS: tuple[Pair, ...] = (
    _plain("p01_column_removed", _entry("p01_column_removed", ALL), _entry("p01_column_removed", ID + AMOUNT), "warning"),
    _versioned("p02_version_column_removed", ALL, ID + AMOUNT, "error"),
    _plain("p03_int_to_bigint", _entry("p03_int_to_bigint", ALL), _entry("p03_int_to_bigint", _col("id", "bigint") + NAME + AMOUNT), "warning"),
    _versioned("p04_version_int_to_bigint", ALL, _col("id", "bigint") + NAME + AMOUNT, "error"),
    _plain("p05_varchar_size", _entry("p05_varchar_size", ALL), _entry("p05_varchar_size", ID + _col("name", "VARCHAR(40)") + AMOUNT), "none"),
    _plain("p06_varchar_spelling", _entry("p06_varchar_spelling", ALL),
           _entry("p06_varchar_spelling", ID + _col("name", "character varying(10)") + AMOUNT), "warning"),
    _plain("p07_decimal_precision", _entry("p07_decimal_precision", ALL),
           _entry("p07_decimal_precision", ID + NAME + _col("amount", "decimal(12, 4)")), "none"),
    _plain("p08_column_added", _entry("p08_column_added", ID + NAME), _entry("p08_column_added", ALL), "none"),
    _plain("p09_enforcement_removed", _entry("p09_enforcement_removed", ALL),
           _entry("p09_enforcement_removed", ALL, config="materialized: table\n      contract:\n        enforced: false"), "warning"),
    _versioned("p10_version_enforcement_removed", ALL, ALL, "error", enforced_head=False),
    _plain("p11_enforcement_added", _entry("p11_enforcement_added", ALL, config="materialized: table"),
           _entry("p11_enforcement_added", ALL), "none"),
    _plain("p12_not_null_removed_table", _entry("p12_not_null_removed_table", _col("id", "integer", NOT_NULL) + NAME),
           _entry("p12_not_null_removed_table", ID + NAME), "warning"),
    _plain("p13_not_null_removed_view",
           _entry("p13_not_null_removed_view", _col("id", "integer", NOT_NULL) + NAME,
                  config="materialized: view\n      contract:\n        enforced: true"),
           _entry("p13_not_null_removed_view", ID + NAME, config="materialized: view\n      contract:\n        enforced: true"), "none"),
    _plain("p14_model_primary_key_removed",
           _entry("p14_model_primary_key_removed", ID + NAME, extra="    constraints:\n      - type: primary_key\n        columns: [id]\n"),
           _entry("p14_model_primary_key_removed", ID + NAME), "warning"),
    _plain("p15_table_to_view_with_constraint", _entry("p15_table_to_view_with_constraint", _col("id", "integer", NOT_NULL) + NAME),
           _entry("p15_table_to_view_with_constraint", _col("id", "integer", NOT_NULL) + NAME,
                  config="materialized: view\n      contract:\n        enforced: true"), "warning"),
    _plain("p16_table_to_view_no_constraint", _entry("p16_table_to_view_no_constraint", ALL),
           _entry("p16_table_to_view_no_constraint", ALL, config="materialized: view\n      contract:\n        enforced: true"), "none"),
    _plain("p17_column_renamed_case", _entry("p17_column_renamed_case", ALL),
           _entry("p17_column_renamed_case", _col("ID", "integer") + NAME + AMOUNT), "warning"),
    Pair("p18_model_deleted", Side(_entry("p18_model_deleted", ALL), {"p18_model_deleted.sql": SQL}), Side(""), "warning"),
    Pair(
        "p19_version_deleted",
        Side(_entry("p19_version_deleted", ALL, extra="    latest_version: 2\n") + "    versions:\n      - v: 1\n      - v: 2\n",
             {"p19_version_deleted_v1.sql": SQL, "p19_version_deleted_v2.sql": SQL}),
        Side(_entry("p19_version_deleted", ALL, extra="    latest_version: 2\n") + "    versions:\n      - v: 2\n",
             {"p19_version_deleted_v2.sql": SQL}),
        "error",
    ),
    Pair("p20_deleted_past_deprecation",
         Side(_entry("p20_deleted_past_deprecation", ALL, extra="    deprecation_date: 2020-01-31\n"), {"p20_deleted_past_deprecation.sql": SQL}),
         Side(""), "none"),
    _plain("p21_disabled", _entry("p21_disabled", ALL),
           _entry("p21_disabled", ALL, config="materialized: table\n      enabled: false\n      contract:\n        enforced: true"), "warning"),
    _versioned("p22_new_version_keeps_old", ALL, ALL, "none",
               versions_head="      - v: 1\n      - v: 2\n        columns:\n          - include: all\n            exclude: [name]\n",
               extra_head_sql={"p22_new_version_keeps_old_v2.sql": SQL}),
    _plain("p23_comments_and_descriptions", _entry("p23_comments_and_descriptions", ALL),
           "  # the orders, one row each\n" + _entry("p23_comments_and_descriptions", ALL, extra="    description: 'Orders'\n"),
           "none", sql_head="-- one row per order\n" + SQL + "\n"),
    _plain("p24_constraint_added", _entry("p24_constraint_added", ID + NAME),
           _entry("p24_constraint_added", _col("id", "integer", NOT_NULL) + NAME), "none"),
    _plain("p25_check_expression_changed", _entry("p25_check_expression_changed", _col("id", "integer", "          - type: check\n            expression: id > 0\n") + NAME),
           _entry("p25_check_expression_changed", _col("id", "integer", "          - type: check\n            expression: id >= 0\n") + NAME), "warning"),
    _versioned("p26_version_excludes_a_column", ALL, ALL, "error",
               versions_head="      - v: 1\n        columns:\n          - include: all\n            exclude: [amount]\n"),
    _plain("p27_type_case_only", _entry("p27_type_case_only", ALL), _entry("p27_type_case_only", _col("id", "INTEGER") + NAME + AMOUNT), "none"),
)

def write_side(folder: Path, head: bool) -> None:
    """The `shop` project with every pair's base (or head) files."""
    models = folder / "models"
    models.mkdir(parents=True, exist_ok=True)
    (folder / "dbt_project.yml").write_text(DBT_PROJECT)
    (folder / "profiles.yml").write_text(PROFILES)
    for pair in PAIRS:
        side = pair.head if head else pair.base
        if side.yml:
            (models / f"{pair.name}.yml").write_text("models:\n" + side.yml)
        for name, sql in side.sql.items():
            (models / name).write_text(sql + "\n")
