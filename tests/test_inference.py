"""Fixture pairs for column inference (sqlglot style): each tests/inference/<topic>.sql file holds many
cases, each a rendered SQL with its dialect and the columns of the tables it reads, and the expected result.

A case starts with `-- case: <title>` and carries these header lines (anywhere in the case):

    -- dialect: snowflake
    -- schema: {"t": {"id": "int", "name": "varchar", "v": null}}    (JSON; null: a column of unknown type)
    -- incomplete: ["src"]            (optional: tables whose column lists may be partial)
    -- open-reasons: ["..."]          (optional: what the render passes as `open_reasons`)
    -- expect: ID INT, NAME VARCHAR   (the columns, in order; `?` for an unknown type; may span lines)
                                      (`~NUMBER(18,0)`: the warehouse's exact type, of which inference gives
                                       only the class: the adapter's type class must be the same)
    -- expect-open: <substring>       (optional, repeatable: the set is open and a reason contains it)

Every other line is SQL. Names compare exactly; types compare as `DataType.sql(dialect)` upper-cased after
reading the expected type in the case's dialect (so `NUMBER(2,1)` and `DECIMAL(2, 1)` agree on Snowflake), or,
for `~TYPE`, by the adapter's type class (`meshlint.analyse.types.type_class`): the product rule is that an
inferred type is never of another class than the warehouse's, and unknown (`?`) when unsure.
Without `expect-open` the set must be closed with no reasons.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlglot import exp

from meshlint.analyse import partial_tables
from meshlint.analyse.columns import ColumnSet, SqlParseFailure, TableColumns, infer_output_columns, parse_sql
from meshlint.analyse.partial_tables import with_referenced_columns
from meshlint.analyse.types import type_class

FIXTURES = Path(__file__).parent / "inference"
HEADER = re.compile(r"^--\s*(case|dialect|schema|incomplete|open-reasons|expect|expect-open)\s*:\s?(.*)$")


@dataclass
class Case:
    path: Path
    line: int
    title: str
    dialect: str = ""
    schema: dict[str, dict[str, str | None]] = field(default_factory=dict)
    incomplete: list[str] = field(default_factory=list)
    open_reasons: list[str] = field(default_factory=list)
    expect: list[str] = field(default_factory=list)  # raw "-- expect:" texts, joined later
    expect_open: list[str] = field(default_factory=list)
    sql_lines: list[str] = field(default_factory=list)

    @property
    def sql(self) -> str:
        return "\n".join(self.sql_lines).strip()

    @property
    def id(self) -> str:
        return f"{self.path.stem}:{self.line}:{self.title}"


def read_cases(path: Path) -> list[Case]:
    cases: list[Case] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        header = HEADER.match(raw.strip())
        key, value = (header.group(1), header.group(2).strip()) if header else (None, "")
        if key == "case":
            cases.append(Case(path, number, value))
            continue
        if not cases:
            if raw.strip() and not raw.strip().startswith("--"):
                raise ValueError(f"{path.name}:{number}: SQL before the first `-- case:`")
            continue
        case = cases[-1]
        if key == "dialect":
            case.dialect = value
        elif key == "schema":
            case.schema = json.loads(value)
        elif key == "incomplete":
            case.incomplete = json.loads(value)
        elif key == "open-reasons":
            case.open_reasons = json.loads(value)
        elif key == "expect":
            case.expect.append(value)
        elif key == "expect-open":
            case.expect_open.append(value)
        else:
            case.sql_lines.append(raw)
    for case in cases:
        if not case.dialect or not case.sql or not (case.expect or case.expect_open):
            raise ValueError(f"{case.id}: a case needs a dialect, SQL and an expectation")
    return cases


def split_top_level(text: str) -> list[str]:
    """Split `A INT, B DECIMAL(10, 2), C STRUCT<x INT, y INT>` at the commas outside brackets and quotes."""
    parts, depth, quoted, current = [], 0, False, []
    for char in text:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in "(<[":
            depth += 1
        elif not quoted and char in ")>]":
            depth -= 1
        if char == "," and depth == 0 and not quoted:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    if "".join(current).strip():
        parts.append("".join(current).strip())
    return parts


def parse_expected(texts: list[str]) -> list[tuple[str, str]]:
    """`-- expect:` items as (name, type text); a name in double quotes may hold spaces, and `""` for a quote."""
    items: list[tuple[str, str]] = []
    for part in split_top_level(", ".join(t for t in texts if t)):
        if part.startswith('"'):
            end = 1
            while True:
                end = part.index('"', end)
                if part[end + 1 : end + 2] != '"':
                    break
                end += 2
            name, kind = part[1:end].replace('""', '"'), part[end + 1 :].strip()
        else:
            name, _, kind = part.partition(" ")
        items.append((name, kind.strip()))
    return items


def normalised_type(type_text: str, dialect: str) -> str:
    if type_text == "?":
        return "?"
    if type_text.startswith("~"):
        return "~" + (type_class(dialect, type_text[1:]) or f"<no class for {type_text[1:]}>")
    return exp.DataType.build(type_text, dialect=dialect).sql(dialect).upper()


def compared_type(data_type: exp.DataType | None, expected: str, dialect: str) -> str:
    """The inferred type in the form of the expectation: its class for `~` expectations."""
    if data_type is None:
        return "?"
    if expected.startswith("~"):
        return "~" + (type_class(dialect, data_type) or f"<no class for {data_type.sql(dialect)}>")
    return data_type.sql(dialect).upper()


def tables_of(case: Case) -> dict[str, TableColumns]:
    tables = {}
    for token, columns in case.schema.items():
        built = {
            name: (exp.DataType.build(kind, dialect=case.dialect) if kind is not None else None)
            for name, kind in columns.items()
        }
        complete = token not in case.incomplete
        tables[token] = TableColumns(built, complete, "" if complete else f"`{token}`, whose columns are not all known")
    return tables


def infer(case: Case) -> ColumnSet:
    tree = parse_sql(case.sql, case.dialect)
    assert isinstance(tree, exp.Expression), f"{case.id}: {tree}"
    return infer_output_columns(tree, tables_of(case), case.dialect, tuple(case.open_reasons))


ALL_CASES = [case for path in sorted(FIXTURES.glob("*.sql")) for case in read_cases(path)]


@pytest.mark.parametrize("case", ALL_CASES, ids=[c.id for c in ALL_CASES])
def test_inference_fixture(case: Case) -> None:
    result = infer(case)
    expected = [(name, normalised_type(kind, case.dialect)) for name, kind in parse_expected(case.expect)]
    wanted = [kind for _, kind in expected] + [""] * len(result.columns)
    actual = [(c.name, compared_type(c.type, wanted[i], case.dialect)) for i, c in enumerate(result.columns)]
    assert actual == expected, f"{case.id}\n{case.sql}\nreasons: {result.reasons}"
    if case.expect_open:
        assert not result.closed, f"{case.id}: expected an open column set"
        for wanted in case.expect_open:
            found = any(wanted in reason for reason in result.reasons)
            assert found, f"{case.id}: no reason contains {wanted!r}: {result.reasons}"
    else:
        assert result.closed and not result.reasons, f"{case.id}: expected a closed set, got reasons {result.reasons}"


PARTIAL_CASES = [case for case in ALL_CASES if case.incomplete]


@pytest.mark.parametrize("case", PARTIAL_CASES, ids=[c.id for c in PARTIAL_CASES])
def test_the_partial_tables_prefilter_never_skips_a_column_it_would_add(case: Case, monkeypatch: pytest.MonkeyPatch) -> None:
    """`with_referenced_columns` first walks the tree once to see whether any column may be added; the
    columns it adds are the same as without that check, on every fixture with an incomplete table."""
    tree = parse_sql(case.sql, case.dialect)
    assert not isinstance(tree, SqlParseFailure)
    tables = tables_of(case)
    checked = with_referenced_columns(tree, tables)
    monkeypatch.setattr(partial_tables, "_may_read_more", lambda *args: True)
    assert checked == with_referenced_columns(tree, tables)


def test_fixture_suite_size() -> None:
    """The suite is meant to be broad: keep at least 200 cases over at least 6 dialects."""
    assert len(ALL_CASES) >= 200
    assert len({c.dialect for c in ALL_CASES}) >= 6


def test_fixture_ids_are_unique() -> None:
    ids = [c.id for c in ALL_CASES]
    assert len(ids) == len(set(ids))


def test_expected_types_parse() -> None:
    """A typo in an expected type must fail loudly rather than compare as some other type."""
    for case in ALL_CASES:
        for _, kind in parse_expected(case.expect):
            if kind.startswith("~"):
                assert type_class(case.dialect, kind[1:]) is not None, f"{case.id}: {kind} has no type class"
            elif kind != "?":
                built = exp.DataType.build(kind, dialect=case.dialect)
                assert not built.is_type(exp.DataType.Type.USERDEFINED, exp.DataType.Type.UNKNOWN), f"{case.id}: {kind}"


# --------------------------------------------------------------------------------------------
# Whole models through render and inference: dbt_utils' pivot/unpivot/union_relations (meshlint's stand-ins),
# api.Column, a contracted table's order, and what `meshlint columns` says about what stays open.

_PROJECT_FILES = {
    "dbt_project.yml": "name: lab\nversion: '1.0'\nconfig-version: 2\nprofile: lab\n",
    "profiles.yml": "lab:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: lab.duckdb\n",
    "seeds/raw_events.csv": "event_id,product_id,event_type,qty\n1,1,view,2\n",
    "seeds/raw_products.csv": "product_id,sku,price\n1,A,1.5\n",
    "seeds/properties.yml": (
        "version: 2\nseeds:\n  - name: raw_events\n    config:\n      column_types: {event_id: integer, product_id: integer,"
        " event_type: varchar, qty: integer}\n  - name: raw_products\n    config:\n      column_types: {product_id: integer,"
        " sku: varchar, price: 'decimal(10,2)'}\n"
    ),
    "models/utils_pivot.sql": (
        "select product_id, {{ dbt_utils.pivot('event_type', ['view', 'purchase']) }}\n"
        "from {{ ref('raw_events') }} group by product_id\n"
    ),
    "models/utils_pivot_unknown.sql": (
        "select product_id, {{ dbt_utils.pivot('event_type', dbt_utils.get_column_values(ref('raw_events'), 'event_type')) }}\n"
        "from {{ ref('raw_events') }} group by product_id\n"
    ),
    "models/stg_events.sql": "select * from {{ ref('raw_events') }}\n",
    "models/stg_products.sql": "select * from {{ ref('raw_products') }}\n",
    "models/utils_unpivot.sql": (
        "{{ dbt_utils.unpivot(relation=ref('stg_events'), cast_to='varchar', exclude=['event_id'], remove=['event_type'],"
        " field_name='metric', value_name='metric_value') }}\n"
    ),
    "models/utils_union.sql": "{{ dbt_utils.union_relations(relations=[ref('stg_events'), ref('stg_products')]) }}\n",
    "models/api_types.sql": (
        "select cast(sku as {{ api.Column.translate_type('string') }}) as sku_text,"
        " cast(price as {{ api.Column.numeric_type('decimal', 12, 2) }}) as price_wide from {{ ref('raw_products') }}\n"
    ),
    "models/contracted.sql": "select sku, product_id from {{ ref('raw_products') }}\n",
    "models/unaliased.sql": (
        "select product_id, count(*) over (), sum(qty) over (order by event_id rows between 1 preceding and current row)"
        " from {{ ref('raw_events') }}\n"
    ),
    "models/contracted.yml": (
        "version: 2\nmodels:\n  - name: contracted\n    config:\n      materialized: table\n      contract: {enforced: true}\n"
        "    columns:\n      - name: product_id\n        data_type: integer\n      - name: sku\n        data_type: varchar\n"
    ),
}


@pytest.fixture(scope="module")
def lab_columns(tmp_path_factory: pytest.TempPathFactory) -> dict[str, ColumnSet]:
    import datetime

    from meshlint.engine import check
    from meshlint.settings import find_settings_file, load_settings

    root = tmp_path_factory.mktemp("lab")
    for relative, text in _PROJECT_FILES.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, encoding="utf-8")
    result = check([root], load_settings(find_settings_file(root)), datetime.date(2026, 1, 1), root)
    return {n.node.name: n.columns for n in result.analysed.nodes if n.columns is not None}


def _names(columns: ColumnSet) -> list[str]:
    return [c.name for c in columns.columns]


def test_dbt_utils_pivot_with_a_literal_list_is_closed(lab_columns: dict[str, ColumnSet]) -> None:
    found = lab_columns["utils_pivot"]
    assert found.closed and _names(found) == ["product_id", "view", "purchase"], found


def test_dbt_utils_pivot_over_values_only_the_warehouse_knows_stays_open(lab_columns: dict[str, ColumnSet]) -> None:
    found = lab_columns["utils_pivot_unknown"]
    assert not found.closed and any("get_column_values" in r for r in found.reasons), found.reasons


def test_dbt_utils_unpivot_and_union_relations_over_known_columns(lab_columns: dict[str, ColumnSet]) -> None:
    unpivot = lab_columns["utils_unpivot"]
    assert unpivot.closed and _names(unpivot) == ["event_id", "metric", "metric_value"], unpivot
    union = lab_columns["utils_union"]
    expected = ["_dbt_source_relation", "event_id", "product_id", "event_type", "qty", "sku", "price"]
    assert union.closed and _names(union) == expected, union


def test_api_column_types_are_the_adapters(lab_columns: dict[str, ColumnSet]) -> None:
    found = lab_columns["api_types"]
    assert [(c.name, c.type.sql("duckdb") if c.type else None) for c in found.columns] == [
        ("sku_text", "TEXT"),
        ("price_wide", "DECIMAL(12, 2)"),
    ]


def test_contracted_table_columns_come_in_the_contracts_order(lab_columns: dict[str, ColumnSet]) -> None:
    assert _names(lab_columns["contracted"]) == ["product_id", "sku"]


def test_meshlint_columns_says_why_an_expression_stays_open(lab_columns: dict[str, ColumnSet]) -> None:
    found = lab_columns["unaliased"]
    assert _names(found) == ["product_id", "count() OVER ()"] and not found.closed
    assert any("without an alias" in r and "does not print" in r for r in found.reasons), found.reasons


def test_a_star_over_an_incomplete_source_names_only_the_tables_the_model_reads() -> None:
    """`select *` over a source whose YAML column list may be partial: the reason names that source, and `this`
    (which every model's schema holds, for `{{ this }}`) only when the model reads it."""
    tables = {
        "src": TableColumns({"id": exp.DataType.build("int")}, False, "source `s.src` (its YAML column list may be partial)"),
        "other": TableColumns({"id": exp.DataType.build("int")}, False, "source `s.other` (its YAML column list may be partial)"),
        "meshlint__this": TableColumns({}, False, "`this`"),
    }
    plain = infer_output_columns(parse_sql("select * from src", "duckdb"), tables, "duckdb")
    assert not plain.closed
    assert any("source `s.src`" in r for r in plain.reasons), plain.reasons
    assert not any("`this`" in r or "s.other" in r for r in plain.reasons), plain.reasons
    incremental = infer_output_columns(
        parse_sql("select * from src where id > (select max(id) from meshlint__this)", "duckdb"), tables, "duckdb"
    )
    assert not incremental.closed
    assert any("source `s.src`" in r and "`this`" in r for r in incremental.reasons), incremental.reasons


INDEXED_PASS_SQL = [
    "select * from (select id, count(*), upper(name) from t group by id, name) as s",
    "select * from (select (select count(*) from u), cast(a as int) from t) as s",  # a scalar subquery in an inner list
    "select (select max(x) from (select x + 1 from u) as v), * from (select a * 2 from t) as s",
    "with c as (select a + 1, b from t) select c.*, (select 1) from c",
    "select a from t union all select (select count(*) from (select b + 1 from u) as w) from v",
]


@pytest.mark.parametrize("sql", INDEXED_PASS_SQL)
@pytest.mark.parametrize("dialect", ["duckdb", "postgres", "snowflake"])
def test_passes_over_one_walk_of_the_tree_rewrite_it_as_their_own_walks_do(sql: str, dialect: str) -> None:
    """The passes before qualifying take their nodes from one walk of the tree (tree_index.py), also after
    `mark_unaliased` has rewritten the outer select list: the rewritten tree is the same as with walks of their own."""
    from meshlint.analyse.column_names import mark_unaliased, name_inner_unaliased, stash_spellings
    from meshlint.analyse.tree_index import TreeIndex

    results = []
    for indexed in (False, True):
        tree = parse_sql(sql, dialect)
        assert not isinstance(tree, SqlParseFailure)
        index = TreeIndex(tree) if indexed else None
        mixed = stash_spellings(tree, index)
        unaliased = mark_unaliased(tree, dialect, sql)
        named = name_inner_unaliased(tree, dialect, sql, index)
        results.append((tree.sql(dialect), mixed, unaliased, named, [s.sql() for s in tree.find_all(exp.Select)]))
    assert results[0] == results[1]
