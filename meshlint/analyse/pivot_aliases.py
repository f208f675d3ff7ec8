"""DuckDB's simplified PIVOT statement with aliases in its IN list (`pivot t on status in ('completed' as done,
'returned' as back) using count(*)`), which sqlglot does not parse (it does in the SQL-standard form). The
aliases are read from the tokens, cut from the text, the text parsed, and each value of the IN list given its
alias back (`exp.PivotAlias`, as sqlglot gives the standard form), so that pivots.py names the column after
the alias, as DuckDB does (checked on DuckDB 2.0.1: columns `done`, `back`).

Only a value that is one literal followed by `AS name` is read; any other shape leaves the text as it was (and
so a parse failure, as before).

>>> tree = parse_aliased_pivot("pivot t on status in ('completed' as done, 'x') using count(*)")
>>> tree[0].expressions[0].sql("duckdb")
"status IN ('completed' AS done, 'x')"
"""

from __future__ import annotations

import sqlglot
from sqlglot import exp
from sqlglot.dialects.dialect import Dialect
from sqlglot.errors import SqlglotError
from sqlglot.tokens import Token, TokenType

__all__ = ["parse_aliased_pivot"]

_VALUES = (TokenType.STRING, TokenType.NUMBER)
_NAMES = (TokenType.VAR, TokenType.IDENTIFIER)


def _in_lists(tokens: list[Token]) -> list[tuple[int, int]] | None:
    """(index of `(`, index of its `)`) of the IN list of each simplified PIVOT (`PIVOT x ON c IN (...)`)."""
    found = []
    for index, token in enumerate(tokens):
        if token.token_type != TokenType.PIVOT:
            continue
        depth, position, on = 0, index + 1, False
        while position < len(tokens):
            kind = tokens[position].token_type
            if kind == TokenType.L_PAREN:
                depth += 1
            elif kind == TokenType.R_PAREN:
                depth -= 1
                if depth < 0:
                    break
            elif depth == 0 and kind == TokenType.ON:
                on = True
            elif depth == 0 and on and kind == TokenType.IN:
                if position + 1 < len(tokens) and tokens[position + 1].token_type == TokenType.L_PAREN:
                    start, level = position + 1, 0
                    for end in range(start, len(tokens)):
                        level += {TokenType.L_PAREN: 1, TokenType.R_PAREN: -1}.get(tokens[end].token_type, 0)
                        if level == 0:
                            found.append((start, end))
                            break
                break
            elif depth == 0 and kind in (TokenType.USING, TokenType.GROUP_BY, TokenType.SEMICOLON):
                break
            position += 1
    return found


def parse_aliased_pivot(sql: str) -> list[exp.Expression] | None:
    """The statements of `sql` (DuckDB) with the IN-list aliases of its simplified PIVOTs read; None when it has
    none, or a shape not read here."""
    try:
        tokens = list(Dialect.get_or_raise("duckdb").tokenize(sql))
    except Exception:  # noqa: BLE001 - text the tokenizer refuses: not this shape
        return None
    lists = _in_lists(tokens)
    if len(lists) != 1:
        return None  # none, or several PIVOTs (which alias list is whose is not read here)
    cuts: list[tuple[int, int]] = []
    aliases: list[list[exp.Identifier | None]] = []
    for start, end in lists:
        items: list[list[Token]] = [[]]
        for token in tokens[start + 1 : end]:
            if token.token_type == TokenType.COMMA:
                items.append([])
            else:
                items[-1].append(token)
        names: list[exp.Identifier | None] = []
        for item in items:
            if len(item) == 1 and item[0].token_type in _VALUES:
                names.append(None)
            elif len(item) == 3 and item[0].token_type in _VALUES and item[1].token_type == TokenType.ALIAS and item[2].token_type in _NAMES:
                names.append(exp.to_identifier(item[2].text, quoted=item[2].token_type == TokenType.IDENTIFIER))
                cuts.append((item[1].start, item[2].end + 1))
            else:
                return None
        aliases.append(names)
    if not cuts:
        return None
    text, last = [], 0
    for begin, finish in sorted(cuts):
        text.append(sql[last:begin])
        last = finish
    text.append(sql[last:])
    try:
        statements = [s for s in sqlglot.parse("".join(text), read="duckdb") if s is not None]
    except SqlglotError:
        return None
    pivots = [p for s in statements for p in s.find_all(exp.Pivot) if p.this is not None and not p.args.get("unpivot")]
    if len(pivots) != len(aliases):
        return None
    for pivot, names in zip(pivots, aliases):
        fields = pivot.expressions
        if len(fields) != 1 or not isinstance(fields[0], exp.In) or len(fields[0].expressions) != len(names):
            return None
        for value, name in zip(list(fields[0].expressions), names):
            if name is not None:
                value.replace(exp.PivotAlias(this=value.copy(), alias=name))
    return statements
