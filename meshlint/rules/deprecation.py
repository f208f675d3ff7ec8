"""What the deprecation rules share: how to tell a consumer where to migrate."""

from meshlint.project.facts import ModelNode
from meshlint.project.versions import latest_version_of, same_version


def migrate_hint(target: ModelNode, verb: str) -> str:
    """dbt's coda: a newer version exists when the referenced one is not the latest."""
    spec = target.spec
    latest = latest_version_of(spec) if spec is not None else None
    if target.version is not None and latest is not None and not same_version(latest, target.version):
        return f"A new version of `{target.name}` is available. {verb}: {{{{ ref('{target.project}', '{target.name}', v='{latest}') }}}}"
    return f"Stop referencing `{target.name}`, or ask its owners for a replacement"
