"""Pin or move a `ref()` in a model's SQL template: only a call written literally on the line meshlint
found it on is edited; anything else (a ref built by a macro, split over lines) is left alone.

>>> sql = "select * from {{ ref('analytics', 'orders') }} join {{ ref(\\"analytics\\", \\"users\\", v=1) }} using (id)"
>>> start, end, text = ref_version_edit(sql, 1, "analytics", "orders", 2)
>>> print(sql[:start] + text + sql[end:])
select * from {{ ref('analytics', 'orders', v=2) }} join {{ ref("analytics", "users", v=1) }} using (id)
>>> start, end, text = ref_version_edit(sql, 1, "analytics", "users", 3)
>>> print(sql[:start] + text + sql[end:])
select * from {{ ref('analytics', 'orders') }} join {{ ref("analytics", "users", v=3) }} using (id)
"""

from __future__ import annotations

import re

from meshlint.fix.yaml_splice import SpliceError
from meshlint.project.facts import VersionValue

_STRING = r"""(?P<{0}q>['"])(?P<{0}>[^'"\\]*)(?P={0}q)"""
_REF = re.compile(
    r"\bref\(\s*(?:" + _STRING.format("first") + r"\s*,\s*)?" + _STRING.format("name")
    + r"\s*(?P<version>,\s*(?:v|version)\s*=\s*(?P<value>[^,()]*?))?\s*(?P<close>\))"
)


def version_literal(version: VersionValue, quote: str | None) -> str:
    """A version as a Jinja literal: bare for a number unless the original was quoted.

    >>> version_literal(2, None), version_literal("beta", None), version_literal(2, '"')
    ('2', "'beta'", '"2"')
    """
    if quote:
        return f"{quote}{version}{quote}"
    if isinstance(version, (int, float)) and not isinstance(version, bool):
        return str(version)
    return "'" + str(version).replace("'", "\\'") + "'"


def ref_version_edit(template: str, line: int, package: str | None, name: str, version: VersionValue) -> tuple[int, int, str]:
    """Where (start, end) to write what, so the one matching ref on `line` (1-based) reads `version`."""
    lines = template.splitlines(keepends=True)
    if not 0 < line <= len(lines):
        raise SpliceError(f"the template has no line {line}")
    offset = sum(len(text) for text in lines[: line - 1])
    found = [
        m for m in _REF.finditer(lines[line - 1])
        if m.group("name") == name and (package is None or m.group("first") == package)
    ]
    if len(found) != 1:
        raise SpliceError(f"the ref to `{name}` is not written literally, once, on line {line}")
    match = found[0]
    if match.group("version") is None:
        quote = match.group("nameq")
        position = offset + match.start("close")
        return position, position, f", v={version_literal(version, None if isinstance(version, (int, float)) else quote)}"
    value = match.group("value").strip()
    quote = value[0] if value[:1] in ("'", '"') else None
    start = offset + match.start("value")
    return start, start + len(match.group("value")), version_literal(version, quote)
