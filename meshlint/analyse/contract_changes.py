"""dbt's breaking-change check for enforced contracts (`state:modified` with `--state`, dbt-core 1.11),
as a pure comparison of a model's contract at the base and at the head.

A change is breaking when the base enforced the contract and the head: no longer enforces it; lacks
one of its columns (YAML names, compared exactly); changes a column's `data_type` beyond size and
precision (1.11 compares the text before the first `(`, stripped and lower-cased, so `varchar(10)` ->
`VARCHAR(20)` is fine but `int` -> `bigint` and `varchar` -> `character varying` are not); drops a
constraint the adapter enforces, at column or model level, while the base materialized as a table
or incremental model; or stops materializing as one of those while constraints existed. Adding
columns or constraints never breaks."""

from __future__ import annotations

from dataclasses import dataclass

from meshlint.project.facts import ColumnSpec, Constraint, ModelNode, NodeConfig

# Constraint types each adapter enforces (dbt's CONSTRAINT_SUPPORT, ENFORCED only); other types are
# only definable or not supported, and removing them is not breaking.
ENFORCED_CONSTRAINTS: dict[str, frozenset[str]] = {
    "default": frozenset({"not_null", "foreign_key"}),
    "postgres": frozenset({"check", "not_null", "unique", "primary_key", "foreign_key"}),
    "duckdb": frozenset({"check", "not_null", "unique", "primary_key", "foreign_key"}),
    "redshift": frozenset({"not_null"}),
    "snowflake": frozenset({"not_null"}),
    "bigquery": frozenset({"not_null"}),
    "databricks": frozenset({"not_null", "check"}),
    "spark": frozenset(),
    "athena": frozenset(),
}
CONSTRAINED_MATERIALIZATIONS = frozenset({"table", "incremental"})


@dataclass(frozen=True)
class ContractSide:
    """What dbt's comparison reads of one side of a model: config after SQL `config()`, the declared
    columns by their YAML name, and the model-level constraints."""

    enforced: bool
    materialized: str
    columns: tuple[ColumnSpec, ...]
    constraints: tuple[Constraint, ...]

    @classmethod
    def of(cls, node: ModelNode, config: NodeConfig) -> ContractSide:
        version_constraints = node.version_spec.constraints if node.version_spec is not None else ()
        model_constraints = node.spec.constraints if node.spec is not None else ()
        return cls(config.contract_enforced, config.materialized, node.columns, version_constraints or model_constraints)

    @property
    def enforces_constraints(self) -> bool:
        return self.materialized in CONSTRAINED_MATERIALIZATIONS


@dataclass(frozen=True)
class TypeChange:
    column: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class RemovedConstraint:
    type: str
    name: str | None
    columns: tuple[str, ...]  # the column of a column-level constraint, or a model-level one's columns
    model_level: bool


@dataclass(frozen=True)
class ContractBreak:
    """The breaking parts of a contract change, each as dbt lists it."""

    enforcement_removed: bool = False
    columns_removed: tuple[ColumnSpec, ...] = ()
    type_changes: tuple[TypeChange, ...] = ()
    constraints_removed: tuple[RemovedConstraint, ...] = ()
    materialization_change: tuple[str, str] | None = None

    def __bool__(self) -> bool:
        return bool(
            self.enforcement_removed or self.columns_removed or self.type_changes
            or self.constraints_removed or self.materialization_change
        )


def normalised_type(data_type: str | None) -> str | None:
    """A `data_type` as dbt 1.11 compares it: the text before the first `(`, stripped, lower-cased.

    >>> normalised_type("VARCHAR(20)"), normalised_type(" numeric (10,2)"), normalised_type("character varying")
    ('varchar', 'numeric', 'character varying')
    >>> normalised_type(None), normalised_type("")
    (None, '')
    """
    if not data_type:
        return data_type
    return data_type.partition("(")[0].strip().lower()


def _identity(constraint: Constraint, model_level: bool) -> tuple[object, ...]:
    """What dbt's constraint equality compares (every field but where it was written)."""
    to = constraint.to.value if constraint.to is not None else None
    fields = (constraint.type, constraint.name, constraint.expression, constraint.warn_unenforced,
              constraint.warn_unsupported, to, constraint.to_columns)
    return (*fields, constraint.columns) if model_level else fields


def contract_break(old: ContractSide, new: ContractSide, adapter: str) -> ContractBreak:
    """The breaking parts of the change from `old` to `new` (empty when there are none).

    >>> from meshlint.diagnostics import Location
    >>> def col(name, data_type):
    ...     return ColumnSpec(name, Location("m.yml", 1, 1), data_type)
    >>> old = ContractSide(True, "table", (col("id", "int"), col("name", "varchar(10)")), ())
    >>> bool(contract_break(old, ContractSide(True, "view", (col("id", "int"), col("name", "VARCHAR(99)"), col("x", "int")), ()), "duckdb"))
    False
    >>> found = contract_break(old, ContractSide(True, "table", (col("id", "bigint"),), ()), "duckdb")
    >>> [c.name for c in found.columns_removed], found.type_changes
    (['name'], (TypeChange(column='id', old='int', new='bigint'),))
    >>> contract_break(old, ContractSide(False, "table", old.columns, ()), "duckdb").enforcement_removed
    True
    """
    if not old.enforced:
        return ContractBreak()  # not enforced before: nothing to break
    supported = ENFORCED_CONSTRAINTS.get(adapter, ENFORCED_CONSTRAINTS["default"])
    new_columns = {c.name: c for c in new.columns}
    removed: list[ColumnSpec] = []
    retyped: list[TypeChange] = []
    dropped: list[RemovedConstraint] = []
    column_constraints_exist = False
    for old_column in sorted(old.columns, key=lambda c: c.name):
        current = new_columns.get(old_column.name)
        if current is None:
            removed.append(old_column)
        elif old_column.data_type != current.data_type and normalised_type(old_column.data_type) != normalised_type(current.data_type):
            retyped.append(TypeChange(old_column.name, old_column.data_type, current.data_type))
        column_constraints_exist = column_constraints_exist or bool(old_column.constraints)
        if current is not None and old.enforces_constraints:
            kept = {_identity(c, False) for c in current.constraints}
            dropped.extend(
                RemovedConstraint(str(c.type), c.name, (old_column.name,), False)
                for c in old_column.constraints
                if _identity(c, False) not in kept and c.type in supported
            )
    if old.enforces_constraints:
        kept = {_identity(c, True) for c in new.constraints}
        dropped.extend(
            RemovedConstraint(str(c.type), c.name, c.columns, True)
            for c in old.constraints
            if _identity(c, True) not in kept and c.type in supported
        )
    materialization = None
    if old.enforces_constraints and not new.enforces_constraints and (old.constraints or column_constraints_exist):
        materialization = (old.materialized, new.materialized)
    return ContractBreak(
        enforcement_removed=not new.enforced,
        columns_removed=tuple(removed),
        type_changes=tuple(retyped),
        constraints_removed=tuple(dropped),
        materialization_change=materialization,
    )
