"""Read YAML so every key, value and list item keeps its line and column, and turn a YAML syntax error
into a located message instead of an exception.

PyYAML (libyaml's C parser) composes the document; its nodes carry their marks, which the containers here
keep: a `YamlMap` is a dict and a `YamlSeq` a list, so the rest of meshlint reads them as plain data and asks
them where a key, value or item is written. (ruamel.yaml's commented containers did the same at about three
times the cost: on a 5,000-model mesh, 0.9 s of a 6 s warm run went into building them.)"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import yaml
from meshlint.diagnostics import Location

# libyaml's C parser when PyYAML has it. dbt reads YAML with PyYAML too, so values mean the same
# (YAML 1.1: `yes` is true, `2024-06-30` a date).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MERGE_TAG = "tag:yaml.org,2002:merge"


class YamlMap(dict):  # type: ignore[type-arg]
    """A YAML mapping: a dict that knows where it, and each key and value, is written (0-based)."""

    __slots__ = ("line", "column", "spans")

    def __init__(self, line: int = 0, column: int = 0) -> None:
        super().__init__()
        self.line = line
        self.column = column
        self.spans: dict[object, tuple[int, int, int, int]] = {}  # key -> key line, column, value line, column


class YamlSeq(list):  # type: ignore[type-arg]
    """A YAML sequence: a list that knows where it, and each item, is written (0-based)."""

    __slots__ = ("line", "column", "spans")

    def __init__(self, items: list[object], line: int = 0, column: int = 0, spans: list[tuple[int, int]] | None = None) -> None:
        super().__init__(items)
        self.line = line
        self.column = column
        self.spans = spans or []  # item -> line, column


@dataclass(frozen=True)
class YamlFailure:
    message: str
    location: Location


def load_yaml(path: str, text: str) -> tuple[object, YamlFailure | None]:
    """Parse `text` (read from `path`) into located containers (`YamlMap`, `YamlSeq`) that give every
    key, value and item its line and column; on a syntax error return the located failure instead.

    >>> data, failure = load_yaml("x.yml", "models:\\n  - name: a\\n")
    >>> key_location(data, "models", "x.yml"), value_location(data["models"][0], "name", "x.yml")
    (Location(path='x.yml', line=1, column=1), Location(path='x.yml', line=2, column=11))
    >>> load_yaml("x.yml", "a: [1,\\n")[1].location.line
    2
    """
    loader = _LOADER(text)
    try:
        node = loader.get_single_node()
        return (_convert(node, loader) if node is not None else None), None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else 1
        column = mark.column + 1 if mark is not None else 1
        problem = error.problem or error.context or "invalid YAML"
        return None, YamlFailure(f"YAML cannot be parsed: {problem}", Location(path, line, column))
    except (yaml.YAMLError, ValueError, TypeError) as error:  # errors without a position, bad scalars
        return None, YamlFailure(f"YAML cannot be parsed: {error}", Location(path, 1, 1))
    finally:
        loader.dispose()


def _convert(node: yaml.Node, loader: yaml.SafeLoader) -> object:
    if isinstance(node, yaml.MappingNode):
        mapping = YamlMap(node.start_mark.line, node.start_mark.column)
        spans = mapping.spans
        merged: list[yaml.Node] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:  # `<<: *defaults`: explicit keys win
                merged.extend(value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node])
                continue
            key = _convert(key_node, loader)
            key = key if isinstance(key, (str, int, float, bool)) or key is None else str(key)
            mapping[key] = _convert(value_node, loader)
            key_mark, value_mark = key_node.start_mark, value_node.start_mark
            spans[key] = (key_mark.line, key_mark.column, value_mark.line, value_mark.column)
        for source in merged:
            extra = _convert(source, loader)
            if isinstance(extra, YamlMap):
                for key, value in extra.items():
                    if key not in mapping:
                        mapping[key] = value
                        spans[key] = extra.spans[key]
        return mapping
    if isinstance(node, yaml.SequenceNode):
        return YamlSeq(
            [_convert(item, loader) for item in node.value],
            node.start_mark.line,
            node.start_mark.column,
            [(item.start_mark.line, item.start_mark.column) for item in node.value],
        )
    return loader.construct_object(node)


def key_location(mapping: object, key: object, path: str) -> Location:
    """Where `key` is written in `mapping` (1-based), or the mapping's own place."""
    if isinstance(mapping, YamlMap) and key in mapping.spans:
        line, column, _, _ = mapping.spans[key]
        return Location(path, line + 1, column + 1)
    return node_location(mapping, path)


def value_location(mapping: object, key: object, path: str) -> Location:
    """Where the value of `key` starts in `mapping` (1-based)."""
    if isinstance(mapping, YamlMap) and key in mapping.spans:
        _, _, line, column = mapping.spans[key]
        return Location(path, line + 1, column + 1)
    return node_location(mapping, path)


def item_location(sequence: object, index: int, path: str) -> Location:
    if isinstance(sequence, YamlSeq) and index < len(sequence.spans):
        line, column = sequence.spans[index]
        return Location(path, line + 1, column + 1)
    return node_location(sequence, path)


def node_location(node: object, path: str) -> Location:
    if isinstance(node, (YamlMap, YamlSeq)):
        return Location(path, node.line + 1, node.column + 1)
    return Location(path, 1, 1)


def iter_mappings(sequence: object) -> Iterator[tuple[int, YamlMap]]:
    """The mapping items of a YAML list, with their index; other items are skipped (dbt YAML is
    read leniently: what meshlint does not understand it ignores)."""
    if isinstance(sequence, list):
        for index, item in enumerate(sequence):
            if isinstance(item, YamlMap):
                yield index, item


def plain(value: object) -> object:
    """A located value as plain Python data (dicts, lists, scalars)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value
