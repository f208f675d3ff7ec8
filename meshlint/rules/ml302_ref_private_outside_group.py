"""ML302: a ref to a private model from outside its group."""

from collections.abc import Iterator

from meshlint.analyse.access import restricted, target_config
from meshlint.analyse.facts import AnalysedMesh, AnalysedNode
from meshlint.diagnostics import Diagnostic, Severity
from meshlint.rules.base import Rule, node_label, ref_location


def check(analysed: AnalysedNode, mesh: AnalysedMesh) -> Iterator[Diagnostic]:
    for ref in analysed.refs:
        target = ref.target
        if target is None:
            continue
        config = target_config(target, mesh)
        if target.resource_type != "model" or config.access != "private":
            continue
        caller_group = analysed.config.group
        crossing = restricted(analysed.node, target, mesh)
        if caller_group and caller_group == config.group and not crossing:
            continue
        group = config.group or ""
        caller = f"group `{caller_group}`" if caller_group else "no group"
        where = f", and private models are never visible from project `{analysed.node.project}`" if crossing else ""
        yield RULE.diagnostic(
            f"`{analysed.node.name}` ({caller}) refs {node_label(target)}, which is private to the '{group}' group{where}",
            ref_location(analysed, ref.call.line),
            node=analysed.unique_id,
            target=target.unique_id,
            help="dbt rejects the ref (DbtReferenceError); put the model in the same group, or make the target protected or public",
        )


RULE = Rule("ML302", "ref-private-outside-group", Severity.ERROR, "Ref to a private model from outside its group (an ungrouped caller included)", check_node=check)
