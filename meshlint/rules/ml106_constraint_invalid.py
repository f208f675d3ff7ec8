"""ML106: a constraint dbt rejects: bad type, unknown column, split or doubled primary keys, a foreign key
whose `to:` is not a `ref()` or `source()`."""

import re
from collections.abc import Iterator

from meshlint.analyse.facts import AnalysedMesh, AnalysedNode
from meshlint.analyse.graph import NodeIndex, resolve_ref
from meshlint.diagnostics import Diagnostic, Severity
from meshlint.project.facts import NamedItem
from meshlint.render.state import RefCall
from meshlint.rules.base import Rule, node_label
from meshlint.rules.foreign_keys import STATIC_REF
from meshlint.rules.ml105_contract_no_effect import model_constraints

CONSTRAINT_TYPES = ("check", "not_null", "unique", "primary_key", "foreign_key", "custom")
TYPE_LIST = "[" + ", ".join(f"'{t}'" for t in CONSTRAINT_TYPES) + "]"
_REF_OR_SOURCE = re.compile(r"\b(ref|source)\s*\(")
# `ref('model')` or `ref('project', 'model')` with plain string arguments, nothing else
_STATIC_REF = STATIC_REF


def _type_problem(kind: str | None) -> str:
    return "has no `type`" if kind is None else f"has type `{kind}`"


def check(analysed: AnalysedNode, mesh: AnalysedMesh) -> Iterator[Diagnostic]:
    node = analysed.node
    if not analysed.config.enabled:
        return
    label = node_label(node)
    enforced = analysed.config.contract_enforced
    model_level = model_constraints(node)

    for constraint in model_level:
        if constraint.type not in CONSTRAINT_TYPES:
            yield RULE.diagnostic(
                f"A model-level constraint of {label} {_type_problem(constraint.type)}, expected one of {TYPE_LIST}",
                constraint.location,
                node=analysed.unique_id,
                help=(
                    f"dbt's parse fails: \"Invalid constraint type on model {node.name}: Type must be one of {TYPE_LIST}\""
                    if enforced
                    else "dbt's parse fails (`Field \"type\" of type ConstraintType in ModelLevelConstraint ...`)"
                )
                + "; use one of the listed types",
            )

    for column in node.columns:
        for constraint in column.constraints:
            if constraint.type not in CONSTRAINT_TYPES:
                yield RULE.diagnostic(
                    f"A constraint on column `{column.name}` of {label} {_type_problem(constraint.type)}, "
                    f"expected one of {TYPE_LIST}",
                    constraint.location,
                    node=analysed.unique_id,
                    column_name=column.name,
                    help=f"dbt's parse fails: \"Invalid constraint type on column {column.name}\"; use one of the listed types",
                )

    column_level = [(column.name, c) for column in node.columns for c in column.constraints]
    for column_name, constraint in [*((None, c) for c in model_level), *column_level]:
        to = constraint.to
        if constraint.type != "foreign_key" or to is None or not to.value.strip():
            continue
        if _REF_OR_SOURCE.search(to.value):
            yield from _unknown_target(analysed, mesh, column_name, to)
            continue
        yield RULE.diagnostic(
            f"{_foreign_key(column_name, label)} has `to: {to.value}`, which is not a `ref()` or `source()`",
            to.location,
            node=analysed.unique_id,
            column_name=column_name,
            help=f"dbt's parse fails: \"Invalid 'ref' or 'source' syntax on foreign key constraint 'to' on model "
            f"{node.name}: {to.value}.\"; write `to: ref('{to.value.strip().rsplit('.', 1)[-1]}')` or "
            "`to: source('<source>', '<table>')`",
        )

    declared = {c.name.lower() for c in node.columns}
    if declared:
        for constraint in model_level:
            for item in constraint.column_items:
                if item.value.lower() in declared:
                    continue
                yield RULE.diagnostic(
                    f"A model-level {f'`{constraint.type}` ' if constraint.type else ''}constraint of {label} names "
                    f"column `{item.value}`, which the model does not declare",
                    item.location,
                    node=analysed.unique_id,
                    column_name=item.value,
                    help=(
                        "the DDL dbt builds fails in the warehouse (no such column)"
                        if enforced
                        else "dbt ignores it today (no enforced contract) and the DDL fails once the contract is enforced"
                    )
                    + "; declared columns: "
                    + ", ".join(f"`{c.name}`" for c in node.columns),
                )

    keyed = [
        (column.name, next(c for c in column.constraints if c.type == "primary_key"))
        for column in node.columns
        if any(c.type == "primary_key" for c in column.constraints)
    ]
    if len(keyed) > 1:
        names = [name for name, _ in keyed]
        yield RULE.diagnostic(
            f"{label} has primary key constraints on {len(keyed)} columns ("
            + ", ".join(f"`{n}`" for n in names)
            + "), expected at most one",
            keyed[1][1].location,
            node=analysed.unique_id,
            column_name=keyed[1][0],
            help=f"dbt's parse fails: \"Found {len(keyed)} columns ({names}) with primary key constraints defined. "
            "Primary keys for multiple columns must be defined as a model level constraint.\"; declare one model-level "
            f"`primary_key` constraint with `columns: [{', '.join(names)}]`",
        )
    model_keys = [c for c in model_level if c.type == "primary_key"]
    if model_keys and keyed:
        yield RULE.diagnostic(
            f"{label} declares a primary key at model level and on column `{keyed[0][0]}`, expected one of the two",
            model_keys[0].location,
            node=analysed.unique_id,
            help="dbt's parse fails: \"Primary keys can be defined at the model level or the column level, not both.\"; "
            "remove one of them",
        )


def _foreign_key(column_name: str | None, label: str) -> str:
    return f"The `foreign_key` constraint {f'on column `{column_name}` ' if column_name else ''}of {label}"


def _unknown_target(analysed: AnalysedNode, mesh: AnalysedMesh, column_name: str | None, to: NamedItem) -> Iterator[Diagnostic]:
    """A plain `to: ref('model')` (or `ref('project', 'model')`) naming a model its project does not have:
    dbt adds the ref to the model's dependencies, and its parse fails. Any other expression is dbt's to judge."""
    match = _STATIC_REF.fullmatch(to.value)
    project = mesh.project(analysed.node.project)
    if match is None or project is None:
        return
    package, name = (match.group(2), match.group(4)) if match.group(4) else (None, match.group(2))
    index = mesh.derived("node-index", "", lambda: NodeIndex.of(mesh.mesh))
    ref = resolve_ref(RefCall(name, package, None, to.location.line, to.value), project, index)
    if ref.problem != "unknown-model" or mesh.project(ref.project) is None:
        return
    yield RULE.diagnostic(
        f"{_foreign_key(column_name, node_label(analysed.node))} refers to `{name}` in project `{ref.project}`, "
        "which was not found",
        to.location,
        node=analysed.unique_id,
        column_name=column_name,
        target=f"model.{ref.project}.{name}",
        help="dbt's parse fails (TargetNotFoundError): the model depends on what its foreign key refers to; "
        "check the model name",
    )


RULE = Rule(
    "ML106",
    "constraint-invalid",
    Severity.ERROR,
    "A constraint names an unknown column, has a bad type, primary keys are split or doubled, or a foreign key's `to:` is not a ref()/source()",
    check_node=check,
)
