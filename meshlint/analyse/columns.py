"""Infer a model's output columns and types from its rendered SQL with sqlglot's optimizer
(qualify, then annotate_types), given the columns already known for the tables it reads."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError, SqlglotError
from sqlglot.optimizer.annotate_types import annotate_types
from sqlglot.optimizer.qualify import qualify
from sqlglot.schema import MappingSchema

from meshlint.analyse.identifiers import FOLD_LOWER, FOLD_UPPER, resolution_key
from meshlint.render.values import UNKNOWN_TOKEN

# Added to the schema of a table whose column list may be incomplete: a `select *` over it then
# yields this column, which tells inference the result is open.
MORE_COLUMNS = "meshlint__more"


@dataclass(frozen=True)
class InferredColumn:
    name: str  # as the warehouse reports it
    type: exp.DataType | None  # None when unknown
    line: int = 0  # rendered-SQL line of the projection that produces it (0: not located)
    reason: str | None = None  # why the type is unknown


@dataclass(frozen=True)
class ColumnSet:
    columns: tuple[InferredColumn, ...]
    closed: bool
    reasons: tuple[str, ...] = ()

    def by_key(self, dialect: str) -> dict[str, InferredColumn]:
        return {match_key(c.name, dialect): c for c in self.columns}


@dataclass(frozen=True)
class TableColumns:
    """What is known of a table a model reads: its columns (name -> type, None if unknown) and
    whether that list is complete."""

    columns: Mapping[str, exp.DataType | None]
    complete: bool
    why_incomplete: str = ""


@dataclass(frozen=True)
class SqlParseFailure:
    message: str
    line: int


def match_key(name: str, dialect: str) -> str:
    """Names are compared as the warehouse reports them: folded where it folds, exact elsewhere."""
    return name.upper() if dialect in FOLD_UPPER else name.lower() if dialect in FOLD_LOWER else name


def parse_sql(sql: str, dialect: str) -> exp.Expression | SqlParseFailure:
    try:
        statements = [s for s in sqlglot.parse(sql, read=dialect) if s is not None]
    except ParseError as error:
        first = error.errors[0] if error.errors else {}
        line = first.get("line") or 1
        description = first.get("description") or str(error)
        return SqlParseFailure(f"SQL cannot be parsed as {dialect}: {description}", int(line))
    except SqlglotError as error:
        return SqlParseFailure(f"SQL cannot be parsed as {dialect}: {error}", 1)
    if len(statements) != 1 or not isinstance(statements[-1], exp.Query):
        return SqlParseFailure(f"expected one SELECT statement, found {len(statements)} statement(s)", 1)
    return statements[-1]


def _schema(tables: Mapping[str, TableColumns], dialect: str) -> MappingSchema:
    mapping: dict[str, dict[str, str]] = {}
    for token, table in tables.items():
        columns = {name: (t.sql(dialect) if t is not None else "unknown") for name, t in table.columns.items()}
        if not table.complete:
            columns[MORE_COLUMNS] = "unknown"
        mapping[token] = columns
    return MappingSchema(mapping, dialect=dialect)


def _spellings(tree: exp.Expression, tables: Mapping[str, TableColumns], dialect: str) -> dict[str, str]:
    """For case-preserving warehouses: how each name was written (the SQL wins over parents)."""
    spelled: dict[str, str] = {}
    for table in tables.values():
        for name in table.columns:
            spelled[resolution_key(name, dialect)] = name
    for node in tree.find_all(exp.Identifier):
        spelled[resolution_key(node.name, dialect) if not node.quoted else node.name] = node.name
    return spelled


def _projection_lines(tree: exp.Expression, dialect: str) -> dict[str, int]:
    """Rendered-SQL line of the last projection producing each (resolution-keyed) name."""
    lines: dict[str, int] = {}
    for select in tree.find_all(exp.Select):
        for projection in select.expressions:
            name = projection.alias_or_name
            identifier = projection.args.get("alias") if isinstance(projection, exp.Alias) else projection.find(exp.Identifier)
            line = identifier.meta.get("line") if isinstance(identifier, exp.Expression) else None
            if name and line:
                lines[resolution_key(name, dialect)] = int(line)
    return lines


def infer_output_columns(
    tree: exp.Expression, tables: Mapping[str, TableColumns], dialect: str, open_reasons: tuple[str, ...] = ()
) -> ColumnSet:
    """The columns a parsed query produces.

    >>> tree = parse_sql("select id as order_id, amount * 2 as doubled from t", "duckdb")
    >>> cols = infer_output_columns(tree, {"t": TableColumns({"id": exp.DataType.build("int"), "amount": exp.DataType.build("decimal(10,2)")}, True)}, "duckdb")
    >>> [(c.name, c.type.sql("duckdb")) for c in cols.columns], cols.closed
    ([('order_id', 'INT'), ('doubled', 'DECIMAL(10, 2)')], True)
    """
    reasons = list(open_reasons)
    original = tree
    schema = _schema(tables, dialect)
    try:
        qualified = qualify(
            tree.copy(),
            schema=schema,
            dialect=dialect,
            validate_qualify_columns=False,
            quote_identifiers=False,
            identify=False,
        )
        annotated = annotate_types(qualified, schema=schema, dialect=dialect)
    except (SqlglotError, RecursionError, KeyError, ValueError, TypeError, AttributeError) as error:
        return ColumnSet((), False, (*reasons, f"sqlglot could not resolve the query: {error}"))

    preserve = dialect not in FOLD_UPPER and dialect not in FOLD_LOWER
    spellings = _spellings(original, tables, dialect) if preserve else {}
    lines = _projection_lines(original, dialect)
    columns: list[InferredColumn] = []
    for projection in annotated.selects:
        name = projection.alias_or_name
        if isinstance(projection, exp.Star) or (isinstance(projection, exp.Column) and projection.is_star):
            reasons.append("`select *` over a table whose columns are not known")
            continue
        if name == MORE_COLUMNS or name.lower() == MORE_COLUMNS:
            incomplete = sorted({t.why_incomplete for t in tables.values() if not t.complete and t.why_incomplete})
            reasons.append("`select *` over " + (", ".join(incomplete) if incomplete else "a table whose columns are not all known"))
            continue
        if open_reasons and UNKNOWN_TOKEN in projection.sql(dialect):
            continue  # produced by something only the warehouse knows; the render gave the reason
        if name.lower().startswith("_col_"):
            reasons.append("an expression without an alias (its name is chosen by the warehouse)")
            continue
        key = resolution_key(name, dialect)
        shown = spellings.get(key, name) if preserve else name
        data_type = projection.type
        known = data_type is not None and not data_type.is_type(exp.DataType.Type.UNKNOWN, exp.DataType.Type.NULL)
        columns.append(
            InferredColumn(
                name=shown,
                type=data_type if known else None,
                line=lines.get(key, 0),
                reason=None if known else "type not inferable",
            )
        )
    return ColumnSet(tuple(columns), closed=not reasons, reasons=tuple(dict.fromkeys(reasons)))
