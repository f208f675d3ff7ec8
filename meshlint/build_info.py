"""Which build of sqlglot this meshlint runs on: its version, and whether its modules are the compiled ones
(`sqlglotc`, installed by default where PyPI has a wheel for the platform) or pure Python."""

from __future__ import annotations

import importlib.machinery

import sqlglot.parser


def sqlglot_compiled() -> bool:
    """Whether sqlglot's parser is a compiled extension module (sqlglotc) rather than Python source.

    >>> isinstance(sqlglot_compiled(), bool)
    True
    """
    path = getattr(sqlglot.parser, "__file__", None) or ""
    return path.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))


def version_line(version: str) -> str:
    """What `meshlint --version` prints.

    >>> version_line("0.1.0").startswith("meshlint 0.1.0 (sqlglot ")
    True
    """
    build = "compiled (sqlglotc)" if sqlglot_compiled() else "pure Python"
    return f"meshlint {version} (sqlglot {sqlglot.__version__}, {build})"
