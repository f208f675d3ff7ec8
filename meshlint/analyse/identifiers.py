"""Identifier rules per warehouse. dbt's contract check compares the column names the warehouse
reports: unquoted names fold to upper case on Snowflake, to lower case on Postgres and Redshift,
and keep the case they were written in elsewhere (DuckDB, BigQuery, Databricks...).

Two finer points, both about which spelling a case-preserving warehouse reports:

* Redshift folds quoted identifiers to lower case too, unless `enable_case_sensitive_identifier` is on
  (it is off by default), so `"MyCol"` is reported as `mycol`.
* A column reference (`select Order_ID from t`) is reported as written on BigQuery and Databricks, but
  with the spelling of the column's definition on DuckDB (checked against DuckDB itself); a column that
  comes from `*` always has the spelling of its definition.
"""

from __future__ import annotations

from functools import lru_cache

from sqlglot import exp
from sqlglot.dialects.dialect import Dialect

FOLD_UPPER = frozenset({"snowflake", "oracle", "exasol", "db2"})
FOLD_LOWER = frozenset({"postgres", "redshift", "materialize", "risingwave"})
# Warehouses that fold quoted identifiers as well (by default).
FOLD_QUOTED = frozenset({"redshift"})
# Case-preserving warehouses that report a column reference with the spelling of the column's definition.
DEFINITION_SPELLING = frozenset({"duckdb"})


def warehouse_name(name: str, dialect: str, quoted: bool = False) -> str:
    """The name the warehouse reports for a column written as `name`.

    >>> warehouse_name("order_id", "snowflake"), warehouse_name("Order_ID", "postgres")
    ('ORDER_ID', 'order_id')
    >>> warehouse_name("Order_ID", "duckdb"), warehouse_name("order_id", "snowflake", quoted=True)
    ('Order_ID', 'order_id')
    >>> warehouse_name("Order_ID", "postgres", quoted=True), warehouse_name("Order_ID", "redshift", quoted=True)
    ('Order_ID', 'order_id')
    """
    if quoted and dialect not in FOLD_QUOTED:
        return name
    if dialect in FOLD_UPPER:
        return name.upper()
    if dialect in FOLD_LOWER:
        return name.lower()
    return name


@lru_cache(maxsize=8192)
def resolution_key(name: str, dialect: str) -> str:
    """How sqlglot resolves an unquoted identifier in `dialect` (for matching, not for display).

    >>> resolution_key("Order_ID", "snowflake"), resolution_key("Order_ID", "duckdb")
    ('ORDER_ID', 'order_id')
    """
    return Dialect.get_or_raise(dialect).normalize_identifier(exp.to_identifier(name)).name
