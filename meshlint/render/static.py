"""Templates whose only Jinja is literal `ref()`, `source()` and `config()` calls, rendered without
compiling them: most models of most projects are written this way, and Jinja's compile (lexer,
parser, code generator and Python's `compile`) is most of what rendering them costs. dbt does the
same for the same templates (its static parser).

`calls` reads such a template into its text and its calls, or says it is not one (None), and is
strict about it: every `{{ ... }}` on one line, holding one call of one of the three names with
arguments that are plain literals (strings without backslashes, integers, `true`/`false`/`none`),
no `{% %}` block, no `{# #}` comment, no whitespace control. The renderer calls the same context
functions Jinja would, in the same order and with the same budget, and falls back to Jinja for
anything else (and whenever a call raises), so the result is the same either way (tested).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A tag's content: `name(args)`, nothing else, on one line.
_CALL = re.compile(r"[ \t]*(ref|source|config)[ \t]*\((.*)\)[ \t]*")
# One argument, optionally named, then a comma or the end.
_ARGUMENT = re.compile(
    r"""[ \t]*(?:([A-Za-z_][A-Za-z0-9_]*)[ \t]*=(?!=)[ \t]*)?('[^'\\\n{}%#]*'|"[^"\\\n{}%#]*"|0|[1-9][0-9]*|[A-Za-z_][A-Za-z0-9_]*)[ \t]*(,|$)"""
)
_WORDS: dict[str, object] = {"true": True, "false": False, "True": True, "False": False, "none": None, "None": None}
_RESERVED = frozenset({*_WORDS, "and", "or", "not", "in", "is", "if", "else"})


@dataclass(frozen=True)
class StaticCall:
    name: str  # ref, source or config
    args: tuple[object, ...]
    kwargs: tuple[tuple[str, object], ...]
    line: int  # 1-based line of the template the call is on


def _literal(text: str) -> tuple[bool, object]:
    if text[0] in "'\"":
        return True, text[1:-1]
    if text[0].isdigit():
        return True, int(text)
    if text in _WORDS:
        return True, _WORDS[text]
    return False, None  # a name: a variable, not a literal


def _arguments(text: str) -> tuple[tuple[object, ...], tuple[tuple[str, object], ...]] | None:
    args: list[object] = []
    kwargs: dict[str, object] = {}
    position = 0
    if not text.strip(" \t"):
        return (), ()
    while position < len(text):
        match = _ARGUMENT.match(text, position)
        if match is None:
            return None
        keyword, value, comma = match.groups()
        literal, parsed = _literal(value)
        if not literal:
            return None
        if keyword is None:
            if kwargs:
                return None  # a positional argument after a keyword one: Jinja's syntax error
            args.append(parsed)
        else:
            if keyword in _RESERVED or keyword in kwargs:
                return None
            kwargs[keyword] = parsed
        position = match.end()
        if comma == "," and position >= len(text.rstrip(" \t")):
            return None  # a trailing comma: left to Jinja
    return tuple(args), tuple(kwargs.items())


def calls(source: str) -> tuple[list[str], list[StaticCall]] | None:
    """The template's text pieces and its calls (`pieces[i]` comes before `calls[i]`, and one piece more
    follows the last call), or None when the template holds any other Jinja.

    >>> pieces, found = calls("{{ config(materialized='table') }}\\nselect * from {{ ref('p', 'a', v=2) }}\\n")
    >>> pieces
    ['', '\\nselect * from ', '\\n']
    >>> [(c.name, c.args, c.kwargs, c.line) for c in found]
    [('config', (), (('materialized', 'table'),), 1), ('ref', ('p', 'a'), (('v', 2),), 2)]
    >>> calls("{{ ref('a') -}}"), calls("{% if x %}{% endif %}"), calls("{{ var('x') }}"), calls("{{ ref(x) }}")
    (None, None, None, None)
    """
    if "{%" in source or "{#" in source or "\r" in source:
        return None
    pieces: list[str] = []
    found: list[StaticCall] = []
    position = 0
    line = 1
    while True:
        start = source.find("{{", position)
        if start < 0:
            pieces.append(source[position:])
            return pieces, found
        end = source.find("}}", start + 2)
        if end < 0:
            return None
        content = source[start + 2 : end]
        if "\n" in content or "{" in content:
            return None
        match = _CALL.fullmatch(content)
        if match is None:
            return None
        parsed = _arguments(match.group(2))
        if parsed is None:
            return None
        text = source[position:start]
        line += text.count("\n")
        pieces.append(text)
        found.append(StaticCall(match.group(1), parsed[0], parsed[1], line))
        position = end + 2
