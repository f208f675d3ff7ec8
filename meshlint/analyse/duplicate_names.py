"""Output columns that share a name: DuckDB renames the later ones when it creates the table or view
(`id`, `id` become `id`, `id_1`, compared without case, the first free `_N`); Postgres, Snowflake, BigQuery and
the others refuse to create it, so the set stays open with the reason.

>>> dedupe(["id", "name", "ID", "id_1", "id"], "duckdb")
(['id', 'name', 'ID_1', 'id_1_1', 'id_2'], None)
>>> dedupe(["ID", "ID"], "snowflake")
(None, 'two output columns are named `ID`: snowflake refuses to create a table or view with duplicate column names')
>>> dedupe(["a", "b"], "postgres")
(['a', 'b'], None)
"""

from __future__ import annotations

from collections.abc import Sequence

from meshlint.analyse.identifiers import FOLD_LOWER, FOLD_UPPER

__all__ = ["dedupe"]


def _key(name: str, dialect: str) -> str:
    if dialect in FOLD_UPPER:
        return name.upper()
    if dialect in FOLD_LOWER or dialect == "duckdb":
        return name.lower()
    return name.lower()  # BigQuery, Spark, Trino compare column names without case too


def dedupe(names: Sequence[str], dialect: str) -> tuple[list[str] | None, str | None]:
    """The names the warehouse gives the columns, or None and why they are not certain."""
    keys = [_key(n, dialect) for n in names]
    if len(set(keys)) == len(keys):
        return list(names), None
    if dialect != "duckdb":
        seen: set[str] = set()
        for name, key in zip(names, keys):
            if key in seen:
                return None, (
                    f"two output columns are named `{name}`: {dialect} refuses to create a table or view"
                    " with duplicate column names"
                )
            seen.add(key)
    taken: set[str] = set()
    result = []
    for name in names:
        given = name
        if given.lower() in taken:
            number = 1
            while f"{name}_{number}".lower() in taken:
                number += 1
            given = f"{name}_{number}"
        taken.add(given.lower())
        result.append(given)
    return result, None
