"""Read YAML with ruamel.yaml's round-trip loader so every key, value and list item keeps its line
and column, and turn a YAML syntax error into a located message instead of an exception."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from meshlint.diagnostics import Location


@dataclass(frozen=True)
class YamlFailure:
    message: str
    location: Location


def _loader() -> YAML:
    yaml = YAML(typ="rt", pure=True)
    yaml.allow_duplicate_keys = True  # dbt reads YAML with PyYAML, where the last duplicate wins
    return yaml


def load_yaml(path: str, text: str) -> tuple[object, YamlFailure | None]:
    """Parse `text` (read from `path`); on a syntax error return the located failure instead.

    >>> data, failure = load_yaml("x.yml", "models:\\n  - name: a\\n")
    >>> key_location(data, "models", "x.yml")
    Location(path='x.yml', line=1, column=1)
    >>> load_yaml("x.yml", "a: [1,\\n")[1].location.line
    2
    """
    try:
        return _loader().load(text), None
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else 1
        column = mark.column + 1 if mark is not None else 1
        problem = error.problem or error.context or "invalid YAML"
        return None, YamlFailure(f"YAML cannot be parsed: {problem}", Location(path, line, column))
    except YAMLError as error:  # errors without a position
        return None, YamlFailure(f"YAML cannot be parsed: {error}", Location(path, 1, 1))


def key_location(mapping: object, key: object, path: str) -> Location:
    """Where `key` is written in `mapping` (1-based), or the mapping's own place."""
    if isinstance(mapping, CommentedMap) and key in mapping:
        line, column = mapping.lc.key(key)
        return Location(path, line + 1, column + 1)
    return node_location(mapping, path)


def value_location(mapping: object, key: object, path: str) -> Location:
    """Where the value of `key` starts in `mapping` (1-based)."""
    if isinstance(mapping, CommentedMap) and key in mapping:
        line, column = mapping.lc.value(key)
        return Location(path, line + 1, column + 1)
    return node_location(mapping, path)


def item_location(sequence: object, index: int, path: str) -> Location:
    if isinstance(sequence, CommentedSeq) and index < len(sequence):
        line, column = sequence.lc.item(index)
        return Location(path, line + 1, column + 1)
    return node_location(sequence, path)


def node_location(node: object, path: str) -> Location:
    if isinstance(node, (CommentedMap, CommentedSeq)) and node.lc.line is not None:
        return Location(path, node.lc.line + 1, node.lc.col + 1)
    return Location(path, 1, 1)


def iter_mappings(sequence: object) -> Iterator[tuple[int, CommentedMap]]:
    """The mapping items of a YAML list, with their index; other items are skipped (dbt YAML is
    read leniently: what meshlint does not understand it ignores)."""
    if isinstance(sequence, list):
        for index, item in enumerate(sequence):
            if isinstance(item, CommentedMap):
                yield index, item


def plain(value: object) -> object:
    """A ruamel value as plain Python data (dicts, lists, scalars)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value
