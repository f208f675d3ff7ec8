"""Identifier rules per warehouse. dbt's contract check compares the column names the warehouse
reports: unquoted names fold to upper case on Snowflake, to lower case on Postgres and Redshift,
and keep the case they were written in elsewhere (DuckDB, BigQuery, Databricks...)."""

from __future__ import annotations

from functools import lru_cache

from sqlglot import exp
from sqlglot.dialects.dialect import Dialect

FOLD_UPPER = frozenset({"snowflake", "oracle", "exasol", "db2"})
FOLD_LOWER = frozenset({"postgres", "redshift", "materialize", "risingwave"})


def warehouse_name(name: str, dialect: str, quoted: bool = False) -> str:
    """The name the warehouse reports for a column written as `name`.

    >>> warehouse_name("order_id", "snowflake"), warehouse_name("Order_ID", "postgres")
    ('ORDER_ID', 'order_id')
    >>> warehouse_name("Order_ID", "duckdb"), warehouse_name("order_id", "snowflake", quoted=True)
    ('Order_ID', 'order_id')
    """
    if quoted:
        return name
    if dialect in FOLD_UPPER:
        return name.upper()
    if dialect in FOLD_LOWER:
        return name.lower()
    return name


@lru_cache(maxsize=8192)
def resolution_key(name: str, dialect: str) -> str:
    """How sqlglot resolves an unquoted identifier in `dialect` (for matching, not for display)."""
    return Dialect.get_or_raise(dialect).normalize_identifier(exp.to_identifier(name)).name
