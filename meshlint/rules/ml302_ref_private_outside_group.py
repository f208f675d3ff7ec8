"""ML302: a ref to a private model from outside its group."""

from collections.abc import Iterator

from meshlint.analyse.access import restricted, target_config
from meshlint.analyse.facts import AnalysedMesh, AnalysedNode
from meshlint.diagnostics import Diagnostic, Severity
from meshlint.rules.base import Rule, node_label, ref_location
from meshlint.rules.foreign_keys import foreign_key_refs


def check(analysed: AnalysedNode, mesh: AnalysedMesh) -> Iterator[Diagnostic]:
    refs = [(ref.target, ref_location(analysed, ref.call.line), "refs") for ref in analysed.refs]
    refs += [(fk.ref.target, fk.location, "has a foreign key to") for fk in foreign_key_refs(analysed, mesh)]
    for target, location, verb in refs:
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
            f"`{analysed.node.name}` ({caller}) {verb} {node_label(target)}, which is private to the '{group}' group{where}",
            location,
            node=analysed.unique_id,
            target=target.unique_id,
            help="dbt rejects the ref (DbtReferenceError); put the model in the same group, or make the target protected or public",
        )


RULE = Rule("ML302", "ref-private-outside-group", Severity.ERROR, "Ref to a private model from outside its group (an ungrouped caller included)", check_node=check)
