"""Edit a YAML file by splicing new text into the original, so every byte outside the edited node stays
as it was (comments, blank lines, quoting, indentation, anchors, CRLF line ends).

ruamel.yaml composes the file into nodes that know where they start and end; the edit is written as
text at those places, in the style of its neighbours (a flow list gets a flow item, a block list a
block item at the same indentation). The same edit is also applied to the file's plain data, and the
spliced text must load (with ruamel.yaml and with PyYAML, which dbt uses) to exactly that data, or
the edit is refused: a fix never leaves a file that means something else than intended.

>>> text = "models:\\n  - name: a  # keep me\\n    columns:\\n      - name: id\\n"
>>> doc = compose(text)
>>> columns = child(child(child(doc, "models"), 0), "columns")
>>> print(apply(text, [append_items(text, doc, columns, [{"name": "day", "data_type": "date"}])]), end="")
models:
  - name: a  # keep me
    columns:
      - name: id
      - name: day
        data_type: date
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal, Union

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError as RuamelError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from meshlint.fix.yaml_text import SpliceError, block_item, flow_mapping, scalar_text

_MERGE_TAG = "tag:yaml.org,2002:merge"
_PYYAML = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
PathKey = Union[str, int]


@dataclass(frozen=True)
class Splice:
    """Replace text[start:end] with `text`; insertions at one offset go deepest first."""

    start: int
    end: int
    text: str
    depth: int = 0
    # The same change on the file's plain data, to verify the spliced text by.
    op: "DataOp | None" = field(default=None, compare=False)


@dataclass(frozen=True)
class DataOp:
    path: tuple[PathKey, ...]
    kind: Literal["append", "set"]
    key: PathKey | None
    value: object


def compose(text: str) -> Node:
    """The file's node tree (ruamel.yaml's composer, which keeps where each node is written)."""
    try:
        node = YAML().compose(text)
    except RuamelError as error:
        raise SpliceError(f"ruamel.yaml cannot read the file: {str(error).splitlines()[0]}") from None
    if node is None:
        raise SpliceError("the file is empty")
    return node


def pairs(node: Node) -> Iterator[tuple[ScalarNode, Node]]:
    """A mapping's own key/value pairs (merge keys, `<<: *x`, are not the mapping's own)."""
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if key.tag != _MERGE_TAG and isinstance(key, ScalarNode):
                yield key, value


def child(node: Node | None, key: PathKey) -> Node | None:
    if isinstance(node, MappingNode) and isinstance(key, str):
        return next((v for k, v in pairs(node) if k.value == key), None)
    if isinstance(node, SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
        return node.value[key]  # type: ignore[no-any-return]
    return None


def find_mapping(root: Node, key: str, line: int, column: int) -> tuple[MappingNode, tuple[PathKey, ...]] | None:
    """The mapping written in the file (not reached through an alias) whose `key` has its value at
    `line`, `column` (1-based, as meshlint's locations are), with its path from the root."""
    return _positions(root)[0].get((key, line, column))


def find_scalar(root: Node, line: int, column: int) -> tuple[ScalarNode, tuple[PathKey, ...]] | None:
    """The scalar written at `line`, `column` (1-based), with its path from the root."""
    return _positions(root)[1].get((line, column))


@functools.lru_cache(maxsize=8)
def _positions(root: Node) -> tuple[dict[tuple[str, int, int], tuple[MappingNode, tuple[PathKey, ...]]], dict[tuple[int, int], tuple[ScalarNode, tuple[PathKey, ...]]]]:
    """Where each mapping's keys have their values, and where each scalar is, walked once per file (a fix
    of many findings in one large file looks up many nodes)."""
    mappings: dict[tuple[str, int, int], tuple[MappingNode, tuple[PathKey, ...]]] = {}
    scalars: dict[tuple[int, int], tuple[ScalarNode, tuple[PathKey, ...]]] = {}
    for node, path in _walk(root, ()):
        if isinstance(node, MappingNode):
            for k, v in pairs(node):
                mappings.setdefault((str(k.value), v.start_mark.line + 1, v.start_mark.column + 1), (node, path))
        elif isinstance(node, ScalarNode):
            scalars.setdefault((node.start_mark.line + 1, node.start_mark.column + 1), (node, path))
    return mappings, scalars


def _walk(node: Node, path: tuple[PathKey, ...]) -> Iterator[tuple[Node, tuple[PathKey, ...]]]:
    """Every node written in place; an alias (a node met again, written earlier) is not followed."""
    yield node, path
    if isinstance(node, MappingNode):
        for key, value in pairs(node):
            if value.start_mark.index >= key.end_mark.index:
                yield from _walk(value, (*path, key.value))
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            if item.start_mark.index >= node.start_mark.index:
                yield from _walk(item, (*path, index))


# --- where text goes -------------------------------------------------------------------------------------------


def newline_of(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def _content_end(text: str, node: Node) -> int:
    """Where the node's own text ends: its last scalar's end (a block collection's end mark lies at the
    next token, past comments and blank lines)."""
    if isinstance(node, ScalarNode) and node.style in ("|", ">"):
        return _block_scalar_end(text, node)
    if isinstance(node, ScalarNode) or getattr(node, "flow_style", False):
        return node.end_mark.index  # type: ignore[no-any-return]
    if isinstance(node, MappingNode):
        last = list(pairs(node)) or [(k, v) for k, v in node.value]
        if not last:
            return node.end_mark.index  # type: ignore[no-any-return]
        key, value = last[-1]
        if _is_empty(value):
            return key.end_mark.index  # type: ignore[no-any-return]
        if value.start_mark.index < key.end_mark.index:  # an alias: its text is `*name` after the key
            return _alias_end(text, key)
        return _content_end(text, value)
    if isinstance(node, SequenceNode) and node.value:
        return _content_end(text, node.value[-1])
    return node.end_mark.index  # type: ignore[no-any-return]


def _block_scalar_end(buffer: str, node: ScalarNode) -> int:
    """The start of the line after a block scalar's last non-blank line (its trailing blank lines are
    not its text, unless it keeps them with `|+`)."""
    end = node.end_mark.index
    if re.match(r"[|>][0-9]?\+", buffer[node.start_mark.index:node.start_mark.index + 3]):
        return end  # type: ignore[no-any-return]
    while end > node.start_mark.index:
        previous = buffer.rfind("\n", 0, end - 1) + 1
        if buffer[previous:end].strip():
            break
        end = previous
    return end  # type: ignore[no-any-return]


def _alias_end(buffer: str, key: ScalarNode) -> int:
    match = re.compile(r"\s*:\s*\*[^\s,\]}#]+").match(buffer, key.end_mark.index)
    if match is None:
        raise SpliceError("an alias ends the node to be edited")
    return match.end()


def _is_empty(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.value == "" and node.style is None and node.start_mark.index == node.end_mark.index


def _after_line(text: str, position: int, lines: list[str], depth: int, op: DataOp) -> Splice:
    """Insert whole lines after the line holding `position` (after its comment, before the line end)."""
    nl = newline_of(text)
    if position > 0 and text[position - 1] == "\n":  # a block scalar ends at the start of the next line
        return Splice(position, position, "".join(line + nl for line in lines), depth, op)
    end = text.find("\n", position)
    if end == -1:
        return Splice(len(text), len(text), "".join(nl + line for line in lines), depth, op)
    if end > 0 and text[end - 1] == "\r":
        end -= 1
    return Splice(end, end, "".join(nl + line for line in lines), depth, op)


@functools.lru_cache(maxsize=8)
def _sequence_style(root: Node) -> tuple[int, int]:
    """How this file indents a block list under its key: (dash offset from the key, item offset from the dash).
    Taken from the first block list of mappings written under a key; (2, 2) when there is none."""
    for node, _ in _walk(root, ()):
        for key, value in pairs(node):
            if isinstance(value, SequenceNode) and not value.flow_style and value.value and isinstance(value.value[0], MappingNode):
                dash = value.start_mark.column - key.start_mark.column
                first = value.value[0]
                content = _first_key_column(first) - value.start_mark.column
                if dash >= 0 and content >= 2:
                    return dash, content
    return 2, 2


def _first_key_column(node: MappingNode) -> int:
    return node.value[0][0].start_mark.column if node.value else node.start_mark.column  # type: ignore[no-any-return]


# --- edits -----------------------------------------------------------------------------------------------------


def append_items(text: str, root: Node, seq: Node, items: Sequence[dict[str, object]], path: tuple[PathKey, ...] = ()) -> Splice:
    """Add mappings at the end of a list, in the list's own style."""
    if not isinstance(seq, SequenceNode):
        raise SpliceError("the value to add to is not a list")
    op = DataOp(path, "append", None, [dict(i) for i in items])
    if seq.flow_style:
        if seq.value:
            position = _content_end(text, seq.value[-1])
            return Splice(position, position, "".join(", " + flow_mapping(dict(i)) for i in items), 0, op)
        position = seq.end_mark.index - 1
        if text[position] != "]":
            raise SpliceError("the empty flow list has no closing bracket where expected")
        return Splice(position, position, ", ".join(flow_mapping(dict(i)) for i in items), 0, op)
    if not seq.value:
        raise SpliceError("the list is empty")
    dash = seq.start_mark.column
    first = seq.value[0]
    content = _first_key_column(first) if isinstance(first, MappingNode) and not first.flow_style else first.start_mark.column
    lines = [line for item in items for line in block_item(dict(item), dash, content)]
    return _after_line(text, _content_end(text, seq), lines, dash, op)


def append_copy(
    text: str, seq: Node, source: Node, first: tuple[str, object], drop: frozenset[str], path: tuple[PathKey, ...],
) -> Splice:
    """Add at the end of a block list a copy of its item `source` (a block mapping whose first key is
    `first[0]`): that key gets `first[1]`, the keys in `drop` are left out, every other key is copied as
    written (its comments and nested layout included)."""
    if not isinstance(seq, SequenceNode) or seq.flow_style or not isinstance(source, MappingNode) or source.flow_style:
        raise SpliceError("the list or its item is not in block style")
    own = list(pairs(source))
    if not own or own[0][0].value != first[0] or len(own) != len(source.value):
        raise SpliceError(f"the item does not start with `{first[0]}`")
    dash, content = seq.start_mark.column, _first_key_column(source)
    lines = [" " * dash + "-" + " " * (content - dash - 1) + f"{first[0]}: {scalar_text(first[1])}"]
    value: dict[str, object] = {first[0]: first[1]}
    data = load_plain(text)
    for key in path + (seq.value.index(source),):
        data = data[key]  # type: ignore[index]
    for key, item in own[1:]:
        if key.value in drop:
            continue
        if key.start_mark.column != content:
            raise SpliceError("the item's keys are not aligned")
        start = text.rfind("\n", 0, key.start_mark.index) + 1
        end = _line_end(text, _content_end(text, item))
        lines += text[start:end].replace("\r\n", "\n").split("\n")
        value[key.value] = data[key.value]  # type: ignore[index]
    op = DataOp(path, "append", None, [value])
    return _after_line(text, _content_end(text, seq), lines, dash, op)


def _line_end(text: str, position: int) -> int:
    if position > 0 and text[position - 1] == "\n":
        return position - (2 if text[position - 2:position] == "\r\n" else 1)
    end = text.find("\n", position)
    if end == -1:
        return len(text)
    return end - 1 if text[end - 1] == "\r" else end


def add_key(text: str, root: Node, mapping: Node, key: str, value: object, path: tuple[PathKey, ...] = ()) -> Splice:
    """Add `key: value` as the mapping's last key; `value` a scalar or a list of mappings."""
    if not isinstance(mapping, MappingNode):
        raise SpliceError("the node to add a key to is not a mapping")
    if any(k.value == key for k, _ in pairs(mapping)):
        raise SpliceError(f"the mapping already has `{key}`")
    op = DataOp(path, "set", key, copy.deepcopy(value))
    if mapping.flow_style:
        if isinstance(value, list):
            written = "[" + ", ".join(flow_mapping(i) for i in value) + "]"
        else:
            written = scalar_text(value, flow=True)
        if mapping.value:
            position = _content_end(text, mapping.value[-1][1]) if not _is_empty(mapping.value[-1][1]) else mapping.value[-1][0].end_mark.index
            return Splice(position, position, f", {key}: {written}", 0, op)
        position = mapping.end_mark.index - 1
        return Splice(position, position, f"{key}: {written}", 0, op)
    if not mapping.value:
        raise SpliceError("the mapping is empty")
    column = _first_key_column(mapping)
    if isinstance(value, list):
        dash_offset, content_offset = _sequence_style(root)
        lines = [" " * column + f"{key}:"]
        for item in value:
            lines += block_item(item, column + dash_offset, column + dash_offset + content_offset)
    else:
        lines = [" " * column + f"{key}: {scalar_text(value)}"]
    return _after_line(text, _content_end(text, mapping), lines, column, op)


def replace_scalar(text: str, node: Node, value: object, path: tuple[PathKey, ...]) -> Splice:
    """Write another value in the scalar's place, quoted as it was."""
    if not isinstance(node, ScalarNode) or node.style in ("|", ">"):
        raise SpliceError("the value to replace is not a one-line scalar")
    written = scalar_text(value, flow=_in_flow(text, node), style=node.style)
    parent, key = path[:-1], path[-1]
    return Splice(node.start_mark.index, node.end_mark.index, written, 0, DataOp(parent, "set", key, value))


def _in_flow(text: str, node: ScalarNode) -> bool:
    line_start = text.rfind("\n", 0, node.start_mark.index) + 1
    before = text[line_start:node.start_mark.index]
    return before.count("[") + before.count("{") > before.count("]") + before.count("}")


# --- applying and verifying ------------------------------------------------------------------------------------


def apply(text: str, splices: Sequence[Splice]) -> str:
    """The text with every splice made (they must not overlap)."""
    ordered = sorted(splices, key=lambda s: (s.start, s.end, -s.depth))
    pieces, position = [], 0
    for splice in ordered:
        if splice.start < position:
            raise SpliceError("two edits overlap")
        pieces += [text[position:splice.start], splice.text]
        position = splice.end
    pieces.append(text[position:])
    return "".join(pieces)


def load_plain(text: str) -> object:
    """The file's data as dbt reads it (PyYAML)."""
    return yaml.load(text, Loader=_PYYAML)


def _unshared(data: object) -> object:
    """A copy in which no two places share an object (as aliases do after loading), so an edit at one
    path changes only that path."""
    if isinstance(data, dict):
        return {k: _unshared(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_unshared(v) for v in data]
    return data


def apply_ops(data: object, ops: Sequence[DataOp]) -> object:
    result = _unshared(data)
    for op in ops:
        target = result
        for key in op.path:
            target = target[key]  # type: ignore[index]
        if op.kind == "append":
            target.extend(copy.deepcopy(op.value))  # type: ignore[union-attr]
        else:
            target[op.key] = copy.deepcopy(op.value)  # type: ignore[index]
    return result


def edit(text: str, splices: Sequence[Splice]) -> str:
    """Make the splices and check the result: it loads in ruamel.yaml and in PyYAML, and means exactly
    the original data with the intended changes. Raises SpliceError otherwise."""
    result = apply(text, splices)
    try:
        before = load_plain(text)
        after = load_plain(result)
        ruamel = YAML()
        ruamel.allow_duplicate_keys = True  # as PyYAML and dbt allow them (the last one wins)
        ruamel.load(result)
    except (yaml.YAMLError, RuamelError) as error:
        raise SpliceError(f"the edited file would not parse: {str(error).splitlines()[0]}") from None
    try:
        expected = apply_ops(before, [s.op for s in splices if s.op is not None])
    except (KeyError, IndexError, TypeError, AttributeError):
        raise SpliceError("the edited node is not where the data says it is") from None
    if after != expected:
        raise SpliceError("the edit would change the file's meaning beyond the edited node (an anchor or alias shares it)")
    return result
