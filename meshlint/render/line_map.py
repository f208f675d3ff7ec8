"""Map rendered SQL lines back to the template lines the user wrote, so SQL-anchored findings
point at the source file."""

from __future__ import annotations

import difflib


def map_lines(template: str, rendered: str) -> tuple[int, ...]:
    """For each rendered line (1-based; index 0 unused), the template line it came from: equal
    lines align exactly, and lines produced by Jinja map to the template line that produced them.

    >>> map_lines("a\\n{{ x }}\\nb\\n", "a\\nX1\\nX2\\nb\\n")
    (0, 1, 2, 2, 3)
    """
    source = template.splitlines()
    output = rendered.splitlines()
    result = [0] * (len(output) + 1)
    matcher = difflib.SequenceMatcher(None, source, output, autojunk=False)
    for tag, s1, s2, o1, o2 in matcher.get_opcodes():
        for offset in range(o2 - o1):
            if tag == "equal":
                result[o1 + offset + 1] = s1 + offset + 1
            else:
                # a replaced/inserted block maps into the template block it replaced, line by line,
                # staying on its last line when the output is longer
                span = max(s2 - s1, 1)
                result[o1 + offset + 1] = min(s1 + min(offset, span - 1), max(len(source) - 1, 0)) + 1
    return tuple(result)
