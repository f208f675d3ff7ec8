"""ML206: `access` written directly on a version entry, where dbt ignores it."""

from collections.abc import Iterator

from meshlint.analyse.facts import AnalysedMesh, AnalysedNode
from meshlint.diagnostics import Diagnostic, Severity
from meshlint.rules.base import Rule


def check(analysed: AnalysedNode, mesh: AnalysedMesh) -> Iterator[Diagnostic]:
    node = analysed.node
    version = node.version_spec
    if version is None or version.access is None:
        return
    effective = analysed.config.access
    yield RULE.diagnostic(
        f"`access: {version.access.value}` on the entry of `{node.name}` v{version.v} has no effect: its access is `{effective}`",
        version.access.location,
        node=analysed.unique_id,
        help="dbt validates `versions[].access` and then ignores it; move it under the version's `config:` "
        f"(`config: {{access: {version.access.value}}}`)",
    )


RULE = Rule(
    "ML206",
    "version-access-ignored",
    Severity.WARNING,
    "`access` set directly on a version entry has no effect (it belongs under `config`)",
    check_node=check,
)
