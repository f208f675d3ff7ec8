"""ML302: a ref to a private model from outside its group."""

from collections.abc import Iterator

from meshlint.analyse.facts import AnalysedMesh, AnalysedNode
from meshlint.diagnostics import Diagnostic, Severity
from meshlint.rules.base import Rule, node_label, ref_location


def check(analysed: AnalysedNode, mesh: AnalysedMesh) -> Iterator[Diagnostic]:
    for ref in analysed.refs:
        target = ref.target
        if target is None:
            continue
        target_config = mesh.by_id[target.unique_id].config if target.unique_id in mesh.by_id else target.config
        if target_config.access != "private":
            continue
        caller_group = analysed.config.group
        if caller_group and caller_group == target_config.group:
            continue
        group = target_config.group or ""
        caller = f"group `{caller_group}`" if caller_group else "no group"
        yield RULE.diagnostic(
            f"`{analysed.node.name}` ({caller}) refs {node_label(target)}, which is private to the '{group}' group",
            ref_location(analysed, ref.call.line),
            node=analysed.unique_id,
            target=target.unique_id,
            help="dbt rejects the ref (DbtReferenceError); put the model in the same group, or make the target protected or public",
        )


RULE = Rule("ML302", "ref-private-outside-group", Severity.ERROR, "Ref to a private model from outside its group (an ungrouped caller included)", check_node=check)
