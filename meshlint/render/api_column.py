"""`api.Column` in a template: the adapter's Column class methods that cross-database macros call to spell a
type (`translate_type`, `string_type`, `numeric_type`, `create`, `from_description`), answered per adapter as
each adapter's Column class does (dbt-adapters 1.x: the base class, BigQuery, Spark/Databricks and Trino
override some; DuckDB, Postgres, Redshift and Snowflake keep the base spelling of these).

>>> api = api_namespace("bigquery")
>>> api.Column.translate_type("integer"), api.Column.translate_type("string"), api.Column.numeric_type("numeric", 10, 2)
('INT64', 'string', 'numeric')
>>> duckdb = api_namespace("duckdb").Column
>>> duckdb.translate_type("string"), duckdb.string_type(20), duckdb.numeric_type("decimal", 10, 2)
('TEXT', 'character varying(20)', 'decimal(10,2)')
>>> column = duckdb.create("id", "string")
>>> column.name, column.data_type
('id', 'TEXT')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from meshlint.render.values import Column

__all__ = ["api_namespace"]

_BASE_LABELS = {"STRING": "TEXT"}
_LABELS: dict[str, dict[str, str]] = {
    "bigquery": {"TEXT": "STRING", "FLOAT": "FLOAT64", "INTEGER": "INT64"},
    "trino": {"STRING": "VARCHAR", "TIMESTAMP": "TIMESTAMP", "FLOAT": "DOUBLE", "INTEGER": "INT"},
}
_SPARK = frozenset({"spark", "databricks"})


@dataclass(frozen=True)
class ApiColumn:
    """The class methods of one adapter's Column."""

    adapter_type: str

    def translate_type(self, dtype: object) -> str:
        text = str(dtype)
        if self.adapter_type in _SPARK:
            return text
        return _LABELS.get(self.adapter_type, _BASE_LABELS).get(text.upper(), text)

    def string_type(self, size: object) -> str:
        if self.adapter_type == "trino":
            return f"varchar({size})"
        return f"character varying({size})"

    def numeric_type(self, dtype: object, precision: object, scale: object) -> str:
        if self.adapter_type == "bigquery":
            return str(dtype)
        if self.adapter_type in _SPARK:
            return "decimal" if precision is None or scale is None else f"decimal({precision},{scale})"
        return str(dtype) if precision is None or scale is None else f"{dtype}({precision},{scale})"

    def create(self, name: object, label_or_dtype: object) -> Column:
        return Column(str(name), self.translate_type(label_or_dtype))

    def from_description(self, name: object, raw_data_type: object) -> Column:
        found = re.match(r"([^(]+)(\([^)]+\))?", str(raw_data_type))
        return Column(str(name), str(raw_data_type) if found is None else found.group(0))


@dataclass(frozen=True)
class ApiNamespace:
    """`api`: the adapter's classes a template may use."""

    Column: ApiColumn  # noqa: N815 - dbt's spelling


def api_namespace(adapter_type: str) -> ApiNamespace:
    return ApiNamespace(ApiColumn(adapter_type))
