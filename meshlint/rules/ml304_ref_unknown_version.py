"""ML304: a ref to a version that is not declared."""

from collections.abc import Iterator

from meshlint.analyse.facts import AnalysedMesh, AnalysedNode
from meshlint.diagnostics import Diagnostic, Severity
from meshlint.rules.base import Rule, ref_location


def check(analysed: AnalysedNode, mesh: AnalysedMesh) -> Iterator[Diagnostic]:
    for ref in analysed.refs:
        call = ref.call
        if call.version_given and call.version in (0, "") and ref.target is not None:
            yield RULE.diagnostic(
                f"`{analysed.node.name}` refs `{call.name}` with `v={call.version!r}`, which dbt treats as unpinned: "
                f"it resolves to the latest version, v{ref.target.version}",
                ref_location(analysed, call.line),
                node=analysed.unique_id,
                target=ref.target.unique_id,
                help="pin a declared version (`v=1`), or drop `v=` to follow the latest version on purpose",
            )
            continue
        if ref.problem != "unknown-version":
            continue
        project = mesh.project(ref.project)
        nodes = [n for n in (project.nodes if project else ()) if n.name == call.name]
        declared = sorted(str(n.version) for n in nodes if n.version is not None)
        if call.version in (None, 0, ""):
            message = f"`{analysed.node.name}` refs `{call.name}` unpinned, but its latest version has no SQL file"
        elif not declared:
            message = f"`{analysed.node.name}` refs `{call.name}` v{call.version!r}, but `{call.name}` is not versioned"
        else:
            message = f"`{analysed.node.name}` refs `{call.name}` v{call.version!r}, which is not declared (versions: {', '.join(declared)})"
        yield RULE.diagnostic(
            message,
            ref_location(analysed, call.line),
            node=analysed.unique_id,
            target=f"model.{ref.project}.{call.name}.v{call.version}" if call.version not in (None, 0, "") else f"model.{ref.project}.{call.name}",
            help="dbt's parse fails (TargetNotFoundError); `v=2.0` does not match `v: 2`",
        )


RULE = Rule("ML304", "ref-unknown-version", Severity.ERROR, "Ref to an undeclared version (`v=2.0` does not match `v: 2`; `v=0` silently means latest)", check_node=check)
