"""`noqa` comments: `-- noqa` / `-- noqa: ML101,ML102` on a SQL line, `# noqa: ML201` on a YAML
line, and `-- meshlint: noqa: ML102` anywhere in a model for the whole file."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_LINE = re.compile(r"(?:--|#)\s*noqa(?::\s*(?P<codes>[A-Za-z0-9_\-]+(?:\s*,\s*[A-Za-z0-9_\-]+)*))?", re.I)
_FILE = re.compile(r"(?:--|#)\s*meshlint:\s*noqa(?::\s*(?P<codes>[A-Za-z0-9_\-]+(?:\s*,\s*[A-Za-z0-9_\-]+)*))?", re.I)

# Codes of a suppression; an empty tuple means "every code" (a bare noqa).
Codes = tuple[str, ...]


@dataclass(frozen=True)
class Suppression:
    line: int  # 0 for file-level
    codes: Codes


@dataclass(frozen=True)
class FileSuppressions:
    path: str
    items: tuple[Suppression, ...] = field(default=())


def _codes(match: re.Match[str]) -> Codes:
    raw = match.group("codes")
    return tuple(c.strip().upper() for c in raw.split(",")) if raw else ()


def scan(path: str, text: str) -> FileSuppressions | None:
    """The suppressions written in a file, or None when it has none.

    >>> scan("m.sql", "select 1 -- noqa: ML102\\n-- meshlint: noqa: ML101\\n").items
    (Suppression(line=1, codes=('ML102',)), Suppression(line=0, codes=('ML101',)))
    """
    if "noqa" not in text.lower():
        return None
    items = []
    for number, line in enumerate(text.splitlines(), start=1):
        if "noqa" not in line.lower():
            continue
        file_level = _FILE.search(line)
        if file_level is not None:
            items.append(Suppression(0, _codes(file_level)))
            continue
        match = _LINE.search(line)
        if match is not None:
            items.append(Suppression(number, _codes(match)))
    return FileSuppressions(path, tuple(items)) if items else None


def covers(suppression: Suppression, code: str, line: int) -> bool:
    if suppression.line not in (0, line):
        return False
    return not suppression.codes or code in suppression.codes
