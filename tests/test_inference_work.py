"""Inference does less work than sqlglot's full pipeline (no tree copy, only the clauses output types
depend on are typed) and keeps no tree alive, with the same columns and types."""

from __future__ import annotations

import pytest
from sqlglot import exp, parse_one
from sqlglot.optimizer.annotate_types import annotate_types
from sqlglot.optimizer.qualify import qualify

from meshlint.analyse.columns import TableColumns, _annotate_outputs, _schema, infer_output_columns, parse_sql
from meshlint.analyse.type_rules import annotators_for

TABLES = {
    "t": TableColumns({"id": exp.DataType.build("int"), "amount": exp.DataType.build("decimal(18, 2)"),
                       "label": exp.DataType.build("varchar"), "day": exp.DataType.build("date")}, True),
    "u": TableColumns({"id": exp.DataType.build("int"), "flag": exp.DataType.build("boolean")}, True),
}

QUERIES = [
    """with joined as (
           select t.id, t.amount, u.flag, t.label, t.day from t join u on u.id = t.id and u.flag
           where t.amount > (select avg(amount) from t) and t.label in (select label from t where id > 2)
       ),
       typed as (select id, cast(amount as decimal(18, 2)) as amt,
                        case when flag then 1 else 0 end as f, coalesce(upper(label), 'n/a') as l,
                        cast(date_trunc('month', day) as date) as m from joined),
       agg as (select id, m, count(*) as n, cast(sum(amt) as decimal(18, 2)) as total, max(l) as top_label,
                      bool_or(f = 1) as any_f, (select max(amount) from t) as biggest
               from typed group by id, m having count(*) > 1 order by id)
       select *, row_number() over (partition by id order by m desc) as r from agg qualify r = 1""",
    "select id, amount * 2 as doubled from t where id > 1 union all select id, amount from t order by 1",
    "select a.id, b.flag, a.n from (select id, count(*) as n from t group by id) as a left join u as b on a.id = b.id",
]


@pytest.mark.parametrize("dialect", ["duckdb", "snowflake", "postgres"])
@pytest.mark.parametrize("sql", QUERIES)
def test_output_types_equal_those_of_the_full_annotation(sql: str, dialect: str) -> None:
    schema, _ = _schema(TABLES, dialect)
    full = annotate_types(qualify(parse_one(sql, dialect), schema=schema, dialect=dialect, validate_qualify_columns=False),
                          schema=schema, dialect=dialect, expression_metadata=annotators_for(dialect))
    pruned = _annotate_outputs(qualify(parse_one(sql, dialect), schema=schema, dialect=dialect, validate_qualify_columns=False),
                               schema, dialect)
    full_types = [(s.alias_or_name, s.type.sql(dialect) if s.type else None) for q in full.find_all(exp.Select) for s in q.selects]
    pruned_types = [(s.alias_or_name, s.type.sql(dialect) if s.type else None) for q in pruned.find_all(exp.Select) for s in q.selects]
    assert pruned_types == full_types
    assert any(t not in (None, "UNKNOWN") for _, t in pruned_types)


@pytest.mark.parametrize("sql", QUERIES)
def test_in_place_inference_equals_inference_on_a_copy(sql: str) -> None:
    copied = infer_output_columns(parse_sql(sql, "duckdb"), TABLES, "duckdb")
    in_place = infer_output_columns(parse_sql(sql, "duckdb"), TABLES, "duckdb", in_place=True)
    assert in_place == copied and copied.columns


def test_an_inferred_type_holds_no_part_of_the_tree() -> None:
    """A cast's type is its target node: kept as is, it would keep the model's whole annotated tree alive."""
    columns = infer_output_columns(parse_sql("select cast(id as bigint) as big from t", "duckdb"), TABLES, "duckdb", in_place=True)
    assert columns.columns[0].type.sql("duckdb") == "BIGINT"
    assert columns.columns[0].type.parent is None
