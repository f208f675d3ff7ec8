"""A fingerprint of meshlint's own code, for the cache keys: a cached result is only as good as the
code that computed it, and the version number does not change between commits (a pre-commit hook
pinned to a newer revision, an editable install after `git pull`)."""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


@functools.lru_cache(maxsize=None)
def code_fingerprint() -> str:
    """The fingerprint of the running meshlint, computed once per process.

    >>> len(code_fingerprint()) == 64 and code_fingerprint() == tree_fingerprint(PACKAGE)
    True
    """
    return tree_fingerprint(PACKAGE)


def tree_fingerprint(root: Path) -> str:
    """A hash of every Python, SQL and JSON file under `root` (paths and contents): code, and the data
    it reads (the property-file shapes)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.suffix in (".py", ".sql", ".json") and "__pycache__" not in p.parts):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()
