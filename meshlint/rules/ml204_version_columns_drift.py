"""ML204: a version without an enforced contract whose SQL differs from its declared columns."""

from collections.abc import Iterator

from meshlint.analyse.columns import match_key
from meshlint.analyse.contracts import names_unknown_columns
from meshlint.analyse.facts import AnalysedMesh, AnalysedNode
from meshlint.analyse.identifiers import warehouse_name
from meshlint.diagnostics import Diagnostic, Severity
from meshlint.rules.base import Rule, node_label, sql_location

HELP = (
    "dbt compares a version's columns with its SQL only when its contract is enforced, so nothing stops what "
    "its docs, tests and consumers are told from drifting; "
)


def check(analysed: AnalysedNode, mesh: AnalysedMesh) -> Iterator[Diagnostic]:
    node = analysed.node
    spec, version = node.spec, node.version_spec
    columns, dialect = analysed.columns, analysed.dialect
    if spec is None or version is None or analysed.config.contract_enforced or not analysed.config.enabled:
        return
    if not (spec.columns or version.columns) or columns is None or not columns.closed or dialect is None:
        return
    label = node_label(node)
    produced = columns.by_key(dialect)
    declared = {match_key(warehouse_name(c.name, dialect, c.quote), dialect): c for c in node.columns}
    pool = {match_key(warehouse_name(c.name, dialect, c.quote), dialect) for c in spec.columns}
    if not names_unknown_columns(analysed):
        for key, column in declared.items():
            if key not in produced:
                yield RULE.diagnostic(
                    f"{label} declares column `{column.name}`, which its SQL does not produce",
                    column.location,
                    node=analysed.unique_id,
                    column_name=column.name,
                    help=HELP + f"select it in the SQL, or drop it from v{version.v} with `exclude`",
                )
    for key, inferred in produced.items():
        if key in declared:
            continue
        why = f"v{version.v}'s include/exclude drops" if key in pool else "the model does not declare"
        yield RULE.diagnostic(
            f"{label} produces column `{inferred.name}`, which {why}",
            sql_location(analysed, inferred.line),
            node=analysed.unique_id,
            column_name=inferred.name,
            help=HELP + ("stop selecting it, or keep it in the version's columns" if key in pool else "declare it, or stop selecting it"),
        )


RULE = Rule(
    "ML204",
    "version-columns-drift",
    Severity.WARNING,
    "A non-contracted version's SQL differs from its resolved include/exclude columns",
    check_node=check,
)
