"""Infer a model's output columns and types from its rendered SQL with sqlglot's optimizer: parse, qualify
against the columns already known for the tables it reads, annotate types, then read off the outer projections.

The product rule: never report a closed column set that is wrong; when unsure, mark it open or leave a type
unknown (None, which callers never report as a mismatch). So:

* Types come from the per-warehouse rules in type_rules.py: a type is kept only where the warehouse's result
  type is certain.
* Names are the ones the warehouse reports (column_names.py). An outer expression without an alias is left out
  and the set is open: its name is the warehouse's choice.
* Openness. `*` over a table whose columns may be incomplete, over an unknown table, an unaliased expression,
  the render's unknown marker, or a query sqlglot cannot resolve, make the set open.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass

import sqlglot
from sqlglot import exp, serde
from sqlglot.dialects.dialect import Dialect
from sqlglot.errors import ParseError, SqlglotError
from sqlglot.optimizer.annotate_types import TypeAnnotator
from sqlglot.optimizer.qualify import qualify
from sqlglot.schema import MappingSchema

from meshlint.analyse.column_names import (
    UNALIASED_REASON,
    Namer,
    ProjectionLines,
    is_unaliased,
    mark_unaliased,
    name_inner_unaliased,
    stash_spellings,
    unaliased_name,
)
from meshlint.analyse.duplicate_names import dedupe
from meshlint.analyse.inner_structs import expand_inner_structs, may_have_inner_structs
from meshlint.analyse.named_windows import inline_named_windows
from meshlint.analyse.partial_tables import with_referenced_columns
from meshlint.analyse.pivot_aliases import parse_aliased_pivot
from meshlint.analyse.pivots import rewrite_pivots, wrap_statement
from meshlint.analyse.star_filters import expand_star_filters, has_star_filter, mark_written_lambdas, source_columns
from meshlint.analyse.struct_stars import FOLDED, folded_struct_fields, has_struct, odd_struct_stars, struct_star_columns
from meshlint.analyse.table_functions import name_table_functions, unnest_of_non_list
from meshlint.analyse.unnest_structs import inner_struct_unnest, struct_fields
from meshlint.analyse.union_by_name import is_union_by_name, union_by_name
from meshlint.analyse.values_names import name_values_columns
from meshlint.analyse.identifiers import FOLD_LOWER, FOLD_UPPER
from meshlint.analyse.tree_index import TreeIndex
from meshlint.analyse.type_rules import annotators_for, certain_type, set_operation_columns
from meshlint.render.values import UNKNOWN_TOKEN

# Added to the schema of a table whose column list may be incomplete: a `select *` over it then
# yields this column, which tells inference the result is open.
MORE_COLUMNS = "meshlint__more"
SQL_TEXT = "meshlint_sql"  # meta key of a parsed tree: the SQL it was parsed from
STRUCT_STAR_REASON = "a star over a STRUCT column (`s.*`): one column per field, which meshlint does not expand"


def _incomplete_read(tree: exp.Expression, tables: dict[str, TableColumns]) -> str:
    """The tables whose columns may be incomplete that the query reads (`this` only when it reads `{{ this }}`),
    for the reason a `select *` over one of them leaves the model open."""
    read = {table.name.lower() for table in tree.find_all(exp.Table)}
    incomplete = [(token, t) for token, t in tables.items() if not t.complete and t.why_incomplete]
    named = sorted({t.why_incomplete for token, t in incomplete if token.lower() in read})
    if not named:  # not located by name: every candidate, as before
        named = sorted({t.why_incomplete for _, t in incomplete})
    return ", ".join(named) if named else "a table whose columns are not all known"


@dataclass(frozen=True)
class InferredColumn:
    name: str  # as the warehouse reports it
    type: exp.DataType | None  # None when unknown
    line: int = 0  # rendered-SQL line of the projection that produces it (0: not located)
    reason: str | None = None  # why the type is unknown

    def __reduce__(self) -> tuple[object, ...]:
        # Pickled (to and from worker processes, and in the cache) with its type as a string key, so that
        # unpickling builds each distinct type once rather than once per column.
        return (_column, (self.name, type_key(self.type), self.line, self.reason))


_TYPE_KEY = "meshlint_type_key"  # meta key: the type's serialised form, computed once per type object
_TYPE_ID = "meshlint_type_id"  # meta key: a short hash of it
_TYPES: dict[str, exp.DataType] = {}  # serialised form -> the one type object unpickling hands out
_MAX_TYPES = 4096


def type_key(data_type: exp.DataType | None) -> str | None:
    """A type's exact serialised form (sqlglot's own), computed once per type object."""
    if data_type is None:
        return None
    key = data_type.meta.get(_TYPE_KEY)
    if key is None:
        key = json.dumps(serde.dump(data_type), sort_keys=True)
        data_type.meta[_TYPE_KEY] = key
    return key


def type_id(data_type: exp.DataType | None) -> str | None:
    """A short hash of `type_key`, for cache keys; computed once per type object."""
    if data_type is None:
        return None
    found = data_type.meta.get(_TYPE_ID)
    if found is None:
        found = data_type.meta[_TYPE_ID] = hashlib.sha256(type_key(data_type).encode()).hexdigest()[:20]  # type: ignore[union-attr]
    return found


def _column(name: str, key: str | None, line: int, reason: str | None) -> InferredColumn:
    """An unpickled column. Columns of the same type share one type object: types are values, never mutated.

    >>> import pickle
    >>> a, b = (InferredColumn(n, exp.DataType.build("decimal(18, 2)")) for n in "ab")
    >>> a2, b2 = pickle.loads(pickle.dumps((a, b)))
    >>> a2 == a and a2.type.sql() == "DECIMAL(18, 2)" and a2.type is b2.type
    True
    """
    return InferredColumn(name, _type(key), line, reason)


def _type(key: str | None) -> exp.DataType | None:
    """The one type object for a serialised type (see `type_key`)."""
    if key is None:
        return None
    data_type = _TYPES.get(key)
    if data_type is None:
        if len(_TYPES) >= _MAX_TYPES:
            _TYPES.clear()
        loaded = serde.load(json.loads(key))
        assert isinstance(loaded, exp.DataType)
        loaded.meta[_TYPE_KEY] = key
        data_type = _TYPES[key] = loaded
    return data_type


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

    def __reduce__(self) -> tuple[object, ...]:
        # Pickled (to worker processes) with its types as string keys, as InferredColumn is.
        return (_table, ({name: type_key(t) for name, t in self.columns.items()}, self.complete, self.why_incomplete))


def _table(columns: dict[str, str | None], complete: bool, why_incomplete: str) -> TableColumns:
    """An unpickled table.

    >>> import pickle
    >>> table = TableColumns({"a": exp.DataType.build("int"), "b": None}, False, "why")
    >>> pickle.loads(pickle.dumps(table)) == table
    True
    """
    return TableColumns({name: _type(key) for name, key in columns.items()}, complete, why_incomplete)


@dataclass(frozen=True)
class SqlParseFailure:
    message: str
    line: int


def match_key(name: str, dialect: str) -> str:
    """Names are compared as the warehouse reports them: folded where it folds, exact elsewhere.

    >>> match_key("Order_Id", "snowflake"), match_key("Order_Id", "postgres"), match_key("Order_Id", "duckdb")
    ('ORDER_ID', 'order_id', 'Order_Id')
    """
    return name.upper() if dialect in FOLD_UPPER else name.lower() if dialect in FOLD_LOWER else name


def parse_sql(sql: str, dialect: str) -> exp.Expression | SqlParseFailure:
    """The one SELECT statement of a rendered model, or why it is not one.

    >>> parse_sql("select 1 as one", "duckdb").sql("duckdb")
    'SELECT 1 AS one'
    >>> parse_sql("select 1; select 2", "duckdb")
    SqlParseFailure(message='expected one SELECT statement, found 2 statement(s)', line=1)
    """
    try:
        statements = [s for s in sqlglot.parse(sql, read=dialect) if s is not None]
    except ParseError as error:
        # `PIVOT t ON c IN ('a' AS x)`, which sqlglot does not parse (pivot_aliases.py)
        aliased = parse_aliased_pivot(sql) if dialect == "duckdb" and "pivot" in sql.lower() else None
        if aliased is None:
            first = error.errors[0] if error.errors else {}
            line = first.get("line") or 1
            description = first.get("description") or str(error)
            return SqlParseFailure(f"SQL cannot be parsed as {dialect}: {description}", int(line))
        statements = aliased
    except SqlglotError as error:
        return SqlParseFailure(f"SQL cannot be parsed as {dialect}: {error}", 1)
    if len(statements) == 1 and not isinstance(statements[-1], exp.Query):
        statements[-1] = wrap_statement(statements[-1], dialect) or statements[-1]  # DuckDB's `PIVOT t ON ...`
    if len(statements) != 1 or not isinstance(statements[-1], exp.Query):
        return SqlParseFailure(f"expected one SELECT statement, found {len(statements)} statement(s)", 1)
    if dialect == "duckdb" and "pivot" in sql.lower():
        rewrite_pivots(statements[-1], dialect)  # plain SQL for every later reader; inference says why if not
    statements[-1].meta[SQL_TEXT] = sql  # what was written, for the names of unaliased expressions
    return statements[-1]


_NORMALIZED: dict[tuple[str, object, bool, bool], str] = {}  # sqlglot's normalised form of a name, for every run
_MAX_NORMALIZED = 200_000


class _Schema(MappingSchema):
    """sqlglot's MappingSchema, with the normalised form of each table and column name computed once per
    process rather than once per model (a model's schema repeats its parents' column names)."""

    def _normalize_name(
        self, name: str | exp.Identifier, dialect: object = None, is_table: bool = False, normalize: bool | None = None
    ) -> str:
        if not isinstance(name, str):  # an identifier of the query (quoted or not): sqlglot's own cache
            return super()._normalize_name(name, dialect, is_table, normalize)  # type: ignore[arg-type]
        normalize = self.normalize if normalize is None else normalize
        dialect = dialect or self.dialect
        key = (name, dialect, is_table, normalize)
        cache = self._normalized_name_cache  # shared with identifiers, as in sqlglot: the first answer stays
        found = cache.get(key)  # type: ignore[arg-type]
        if found:
            return found
        found = _NORMALIZED.get(key)
        if found is None:
            found = super()._normalize_name(name, dialect, is_table, normalize)  # type: ignore[arg-type]
            if len(_NORMALIZED) >= _MAX_NORMALIZED:
                _NORMALIZED.clear()
            _NORMALIZED[key] = found
        elif found:
            cache[key] = found  # type: ignore[index]
        return found

    def _normalize(self, schema: dict[str, object]) -> dict[str, object]:
        """The same as sqlglot's for a {table: {column: type}} mapping with columns in every table (the
        general case, and its errors, are sqlglot's)."""
        if not schema or not all(
            isinstance(columns, dict) and columns and not any(isinstance(v, dict) for v in columns.values())
            for columns in schema.values()
        ):
            return super()._normalize(schema)
        normalized: dict[str, object] = {}
        name = self._normalize_name
        for table, columns in schema.items():
            target = normalized.setdefault(name(table, is_table=True), {})
            for column, column_type in columns.items():  # type: ignore[attr-defined]
                target[name(column)] = column_type  # type: ignore[index]
        return normalized


def _schema(tables: Mapping[str, TableColumns], dialect: str) -> tuple[MappingSchema, bool]:
    """The tables as a sqlglot schema, and whether some column name is not lower case."""
    mapping: dict[str, dict[str, object]] = {}
    mixed = False
    for token, table in tables.items():
        columns: dict[str, object] = {}
        for name, data_type in table.columns.items():
            mixed = mixed or not name.islower()
            if data_type is None:
                columns[name] = "unknown"
            elif data_type.args.get("nested"):
                columns[name] = data_type.sql(dialect)  # sqlglot normalises struct field names in strings only
            else:
                columns[name] = data_type
        if not table.complete:
            columns[MORE_COLUMNS] = "unknown"
        mapping[token] = columns
    return _Schema(mapping, dialect=dialect), mixed


def _spellings(tables: Mapping[str, TableColumns]) -> dict[str, str | None]:
    """Column names as sqlglot normalises them (lower case) -> as defined; None where definitions differ."""
    found: dict[str, str | None] = {}
    for table in tables.values():
        for name in table.columns:
            key = name.lower()
            found[key] = name if found.get(key, name) == name else None
    return found
@functools.lru_cache(maxsize=8)
def _rows_not_structs(dialect: str) -> Dialect:
    """The dialect, but without typing each query's rows as a STRUCT."""
    found = Dialect.get_or_raise(dialect).__class__()
    found.QUERY_RESULTS_ARE_STRUCTS = False
    return found


# Nodes whose identifiers are names only: no type reads an identifier's type through them (unlike a struct
# literal's field names, which become part of the struct type).
_NAME_HOLDERS = (exp.Column, exp.Alias, exp.Table, exp.TableAlias)


# Clauses of a SELECT that no output column's type depends on: filters, grouping, ordering, join conditions.
_UNTYPED_CLAUSES = ("where", "group", "having", "qualify", "order")


def _annotate_outputs(tree: exp.Expression, schema: MappingSchema, dialect: str) -> exp.Expression:
    """sqlglot's `annotate_types`, but the clauses no output column's type depends on are left untyped: they
    are handed to the annotator as already visited, so its walk never enters them (a subquery in them is a
    scope of its own and is still typed).

    >>> tree = parse_sql("select t.a + 1 as b from t as t where t.a > (select max(u.a) from t as u)", "duckdb")
    >>> schema = MappingSchema({"t": {"a": "int"}}, dialect="duckdb")
    >>> typed = _annotate_outputs(tree, schema, "duckdb")
    >>> typed.selects[0].type.sql("duckdb"), typed.args["where"].this.type
    ('INT', None)

    A table read as a column is still its row STRUCT (the only case, with `SELECT AS STRUCT`, that needs them):

    >>> tree = parse_sql("with t as (select 1 as a) select t as r from t", "duckdb")
    >>> tree = qualify(tree, schema=schema, dialect="duckdb", quote_identifiers=False)
    >>> _annotate_outputs(tree, schema, "duckdb").selects[0].type.sql("duckdb")
    'STRUCT(a INT)'
    """
    structs = False  # whether a query's row type (a STRUCT) is read: `select t from t`, `SELECT AS STRUCT`
    selects = []
    identifiers = []
    for node in tree.find_all(exp.Select, exp.TableColumn, exp.Identifier):
        if isinstance(node, exp.Identifier):
            if isinstance(node.parent, _NAME_HOLDERS):
                identifiers.append(node)
        elif isinstance(node, exp.TableColumn) or node.args.get("kind"):
            structs = True
        else:
            selects.append(node)
    own_dialect = schema.dialect
    if not structs and own_dialect.QUERY_RESULTS_ARE_STRUCTS and dialect == "duckdb":
        # sqlglot builds every DuckDB query's row type (a copy of each projection's type) for the two places
        # above that read it; with neither in the tree, the same types without building them
        schema._dialect = _rows_not_structs(dialect)  # the annotator reads it once, here
    try:
        annotator = TypeAnnotator(schema=schema, expression_metadata=annotators_for(dialect))
    finally:
        schema._dialect = own_dialect
    skipped = annotator._visited
    for identifier in identifiers:
        skipped[id(identifier)] = identifier
    for select in selects:
        args = select.args
        for key in _UNTYPED_CLAUSES:
            clause = args.get(key)
            if clause is not None:
                skipped[id(clause)] = clause
        for join in args.get("joins") or ():
            on = join.args.get("on")
            if on is not None:
                skipped[id(on)] = on
    return annotator.annotate(tree)


def _without_positions(data_type: exp.DataType) -> exp.DataType:
    """The type without the places its parts were parsed at (`decimal(18, 2)`'s literals carry them), so that
    the same type written in two places is one type to compare, cache and share (`type_key`).

    >>> tree = parse_sql("select cast(a as decimal(18, 2)) as x, cast(b as decimal(18, 2)) as y from t", "duckdb")
    >>> x, y = (_without_positions(s.this.to.copy()) for s in tree.selects)
    >>> type_key(x) == type_key(y), x.sql("duckdb")
    (True, 'DECIMAL(18, 2)')
    """
    for node in data_type.walk():
        if node.meta:
            node.meta.clear()
    return data_type


def infer_output_columns(
    tree: exp.Expression,
    tables: Mapping[str, TableColumns],
    dialect: str,
    open_reasons: tuple[str, ...] = (),
    in_place: bool = False,
) -> ColumnSet:
    """The columns a parsed query produces. With `in_place`, `tree` itself is qualified and annotated
    (no copy): for a caller that has no further use for it.

    >>> tree = parse_sql("select id as order_id, amount * 2 as doubled, 1.5 as rate from t", "snowflake")
    >>> t = TableColumns({"id": exp.DataType.build("int"), "amount": exp.DataType.build("decimal(10,2)")}, True)
    >>> cols = infer_output_columns(tree, {"t": t}, "snowflake")
    >>> [(c.name, c.type.sql("snowflake")) for c in cols.columns], cols.closed
    ([('ORDER_ID', 'INT'), ('DOUBLED', 'DECIMAL'), ('RATE', 'DECIMAL(2, 1)')], True)
    """
    if is_union_by_name(tree, dialect):
        found = union_by_name(tree, lambda branch: infer_output_columns(branch, tables, dialect, open_reasons))  # type: ignore[arg-type]
        return ColumnSet(found.columns, found.closed and not open_reasons, tuple(dict.fromkeys((*open_reasons, *found.reasons))))
    reasons = list(open_reasons)
    # the nodes the passes below look for, from one walk (tree_index.py); a pass that rewrites the tree drops it
    index: TreeIndex | None = TreeIndex(tree)
    tables = with_referenced_columns(tree, tables, index)  # `o.amount` of a partly known table (partial_tables.py)
    schema, mixed = _schema(tables, dialect)
    preserve = dialect not in FOLD_UPPER and dialect not in FOLD_LOWER
    lines = ProjectionLines(tree, dialect, eager=in_place, index=index)  # lines as written, before qualifying rewrites them
    text = tree.meta.get(SQL_TEXT)
    lowered = text.lower() if text is not None else "values pivot"
    written = None  # the query as written, for a second pass that spells out inner structs (inner_structs.py)
    if dialect == "duckdb" and (".*" in lowered or "unnest" in lowered) and may_have_inner_structs(tree, index):
        written = tree.copy() if in_place else tree
    work = tree if in_place else tree.copy()
    if work is not tree:
        index = None
    if dialect == "duckdb" and ("lambda" in lowered or "->" in lowered) and "columns" in lowered:
        index = None
        arrow = mark_written_lambdas(work, text)  # COLUMNS(lambda c: ...) is modelled, the arrow form is not
        if arrow is not None:
            reasons.append(arrow)
    if "pivot" in lowered:
        index = None
        root_with = work.args.get("with_")
        why_open = rewrite_pivots(work, dialect, lambda source: None if mixed else source_columns(source, root_with, schema))
        if why_open is not None:
            return ColumnSet((), False, (*reasons, why_open))
    if preserve:
        mixed = stash_spellings(work, index) or mixed
    if dialect == "duckdb" and ("series" in lowered or "range" in lowered or "unnest" in lowered):
        index = None
        name_table_functions(work, dialect)  # generate_series / range / unnest as FROM items
    if dialect == "duckdb" and has_star_filter(lowered):
        index = None
        reasons += expand_star_filters(work, schema, _spellings(tables) if mixed else None)  # COLUMNS(), * LIKE
    if dialect == "duckdb" and "window" in lowered:
        index = None
        inline_named_windows(work, text)  # `OVER w`: DuckDB prints the definition in an unaliased name
    folded = dialect == "duckdb" and folded_struct_fields(work, tables, text)  # struct_stars.py
    odd_stars = dialect == "duckdb" and (text is None or ".*" in text) and odd_struct_stars(work, index)
    unaliased = mark_unaliased(work, dialect, text)
    mixed = name_inner_unaliased(work, dialect, text, index) or mixed
    if "values" in lowered:
        name_values_columns(work, dialect)
    try:
        qualified = qualify(
            work,
            schema=schema,
            dialect=dialect,
            validate_qualify_columns=False,
            quote_identifiers=False,
            identify=False,
        )
        annotated = _annotate_outputs(qualified, schema, dialect)
    except (SqlglotError, RecursionError, KeyError, ValueError, TypeError, AttributeError) as error:
        return ColumnSet((), False, (*reasons, f"sqlglot could not resolve the query: {error}"))

    setop_types = set_operation_columns(annotated)
    if setop_types is not None and [n for n, _ in setop_types] != [s.alias_or_name for s in annotated.selects]:
        # branches of different widths (an error), or UNION BY NAME adding the other side's columns
        reasons.append("a set operation whose columns sqlglot cannot match up")
    unnests = dialect == "duckdb" and "unnest" in lowered
    if unnests:
        inner = inner_struct_unnest(annotated, annotated if isinstance(annotated, exp.Select) else None)
        if inner is not None:
            reasons.append(inner)
        refused = unnest_of_non_list(annotated)  # table_functions.py
        if refused is not None:
            reasons.append(refused)
    namer: Namer | None = None
    if preserve and mixed:
        namer = Namer(annotated, {token: table.columns for token, table in tables.items()}, dialect)
    columns: list[InferredColumn] = []
    for index, projection in enumerate(annotated.selects):
        name = projection.alias_or_name
        if isinstance(projection, exp.Star) or (isinstance(projection, exp.Column) and projection.is_star):
            reasons.append("`select *` over a table whose columns are not known")
            continue
        if (isinstance(projection, exp.Dot) and isinstance(projection.expression, exp.Star)) or name == "*":
            # `<struct column>.*`: its fields when certain (struct_stars.py), never a column named `*`
            fields = struct_star_columns(projection, odd_stars, folded) if dialect == "duckdb" else STRUCT_STAR_REASON
            if isinstance(fields, str):
                reasons.append(fields)
                continue
            line = lines.line(projection)
            columns.extend(InferredColumn(n, certain_type(t), line, None if certain_type(t) else "type not inferable") for n, t in fields)
            continue
        if name == MORE_COLUMNS or name.lower() == MORE_COLUMNS:
            what = _incomplete_read(annotated, tables)
            reasons.append(f"`select *` over {what}")
            continue
        if unnests:
            fields = struct_fields(projection)  # `unnest(<struct>)`: one column per field, alias or not
            if isinstance(fields, str):
                reasons.append(fields)
                continue
            if fields is not None and folded:
                reasons.append(FOLDED)
                continue
            if fields is not None:
                line = lines.line(projection)
                columns.extend(InferredColumn(n, certain_type(t), line, None if certain_type(t) else "type not inferable") for n, t in fields)
                continue
        given = None
        if unaliased and is_unaliased(projection):
            given, why = unaliased_name(projection)
            if given is None:
                reasons.append(f"an expression without an alias: {why}" if why else UNALIASED_REASON)
                continue  # its name is unknown
        if open_reasons and UNKNOWN_TOKEN in projection.sql(dialect).lower():
            continue  # produced by something only the warehouse knows; the render gave the reason
        if given is None and name.lower().startswith("_col_"):
            reasons.append(UNALIASED_REASON)
            continue
        if setop_types is not None:
            data_type = certain_type(setop_types[index][1] if index < len(setop_types) else None)
        else:
            data_type = certain_type(projection.type)
        if folded and data_type is not None and has_struct(data_type):
            data_type = None  # its field names may be folded (struct_stars.py)
        if data_type is not None and data_type.parent is not None:
            # a cast's target is a node of the tree: keeping it would keep the whole annotated tree alive
            data_type = _without_positions(data_type.copy())
        columns.append(
            InferredColumn(
                name=given or (namer.name(projection) if namer is not None else name),
                type=data_type,
                line=lines.line(projection),
                reason=None if data_type is not None else "type not inferable",
            )
        )
    names, duplicated = dedupe([c.name for c in columns], dialect)
    if duplicated is not None:
        reasons.append(duplicated)
    elif names != [c.name for c in columns]:
        columns = [InferredColumn(n, c.type, c.line, c.reason) for n, c in zip(names, columns)]  # type: ignore[arg-type]
    if reasons and written is not None and not folded and not odd_stars:
        again = expand_inner_structs(written, annotated, lambda t: infer_output_columns(t, tables, dialect, open_reasons, True))
        if isinstance(again, ColumnSet) and again.closed:
            return again
    return ColumnSet(tuple(columns), closed=not reasons, reasons=tuple(dict.fromkeys(reasons)))
