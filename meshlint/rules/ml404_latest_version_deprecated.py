"""ML404: the latest version carries a deprecation date."""

from collections.abc import Iterator

from meshlint.analyse.facts import AnalysedMesh, AnalysedNode
from meshlint.diagnostics import Diagnostic, Severity
from meshlint.project.versions import is_latest
from meshlint.rules.base import Rule


def check(analysed: AnalysedNode, mesh: AnalysedMesh) -> Iterator[Diagnostic]:
    node = analysed.node
    version = node.version_spec
    if version is None or node.spec is None or version.deprecation_date is None or not is_latest(node.spec, version):
        return
    yield RULE.diagnostic(
        f"`{node.name}` v{version.v} is the latest version but has a deprecation date",
        version.deprecation_date.location,
        node=analysed.unique_id,
        help="every unpinned ref resolves to the latest version, so all its consumers would be told to migrate "
        "to a version that is itself deprecated; release a newer version and make it latest first",
    )


RULE = Rule("ML404", "latest-version-deprecated", Severity.ERROR, "The latest version carries a deprecation date", check_node=check)
