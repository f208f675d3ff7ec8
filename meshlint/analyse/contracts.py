"""Compare a contracted model's declared columns with what its SQL produces, the way dbt's build-time
contract check does: names as the warehouse reports them, types by the adapter's type names."""

from __future__ import annotations

from dataclasses import dataclass

from meshlint.analyse.columns import InferredColumn, match_key
from meshlint.analyse.facts import AnalysedMesh, AnalysedNode
from meshlint.analyse.identifiers import warehouse_name
from meshlint.analyse.types import same_type
from meshlint.project.facts import ColumnSpec
from meshlint.project.versions import unknown_selection_names

# dbt checks contracts only where it builds the model with DDL from the contract.
CHECKED_MATERIALIZATIONS = frozenset({"table", "view", "incremental"})


@dataclass(frozen=True)
class TypeMismatch:
    declared: ColumnSpec
    inferred: InferredColumn


@dataclass(frozen=True)
class ContractComparison:
    missing: tuple[ColumnSpec, ...]  # declared, not produced (needs a closed column set)
    extra: tuple[InferredColumn, ...]  # produced, not declared (needs a closed column set)
    mismatched: tuple[TypeMismatch, ...]  # both known, and the adapter would reject the pair


def is_checked(analysed: AnalysedNode) -> bool:
    """dbt's build checks this model's contract: enforced, SQL, and a materialization it checks."""
    node = analysed.node
    return (
        analysed.config.contract_enforced
        and node.sql is not None
        and node.sql.path.endswith(".sql")
        and analysed.config.materialized in CHECKED_MATERIALIZATIONS
        and analysed.columns is not None
        and analysed.dialect is not None
    )


def compare_contract(analysed: AnalysedNode, strict_types: bool = False) -> ContractComparison | None:
    """None when the contract is not checked (see `is_checked`) or declares no columns (ML110)."""
    if not is_checked(analysed) or not analysed.node.columns:
        return None
    assert analysed.columns is not None and analysed.dialect is not None
    dialect = analysed.dialect
    produced = analysed.columns.by_key(dialect)
    declared = {match_key(warehouse_name(c.name, dialect, c.quote), dialect): c for c in analysed.node.columns}
    closed = analysed.columns.closed
    missing = tuple(c for key, c in declared.items() if key not in produced) if closed else ()
    if _selection_invalid(analysed):
        # dbt rejects the version's include/exclude (ML205): its columns are not defined at all
        return ContractComparison((), (), ())
    if names_unknown_columns(analysed):
        # The version's include/exclude has a typo (ML201): which columns it meant to drop is
        # unknown, so "missing" columns are its consequence, not a second mistake.
        missing = ()
    extra = tuple(c for key, c in produced.items() if key not in declared) if closed else ()
    mismatched = []
    for key, spec in declared.items():
        column = produced.get(key)
        if column is None or spec.data_type is None:
            continue
        if same_type(dialect, spec.data_type, column.type, strict=strict_types) is False:
            mismatched.append(TypeMismatch(spec, column))
    return ContractComparison(missing, extra, tuple(mismatched))


def contract_comparison(analysed: AnalysedNode, mesh: AnalysedMesh) -> ContractComparison | None:
    """`compare_contract` with the run's options, computed once per node for the rules that share it."""
    return mesh.derived("contract", analysed.unique_id, lambda: compare_contract(analysed, mesh.options.strict_types))


def _selection_invalid(analysed: AnalysedNode) -> bool:
    version = analysed.node.version_spec
    if version is None:
        return False
    if len(version.include_exclude) > 1:
        return True
    return any(
        (isinstance(s.include, tuple) and s.exclude)
        or (s.include is not None and not isinstance(s.include, tuple) and s.include not in ("all", "*"))
        for s in version.include_exclude
    )


def names_unknown_columns(analysed: AnalysedNode) -> bool:
    """A typo in the version's include/exclude (ML201) makes its intended column list unknown."""
    node = analysed.node
    return node.spec is not None and node.version_spec is not None and bool(unknown_selection_names(node.spec, node.version_spec))
