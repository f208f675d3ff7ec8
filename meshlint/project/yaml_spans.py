"""Read YAML so every key, value and list item keeps its line and column (in ruamel.yaml's
commented containers), and turn a YAML syntax error into a located message instead of an exception."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import yaml
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from meshlint.diagnostics import Location

# libyaml's C parser when PyYAML has it. dbt reads YAML with PyYAML too, so values mean the same
# (YAML 1.1: `yes` is true, `2024-06-30` a date).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MERGE_TAG = "tag:yaml.org,2002:merge"


@dataclass(frozen=True)
class YamlFailure:
    message: str
    location: Location


def load_yaml(path: str, text: str) -> tuple[object, YamlFailure | None]:
    """Parse `text` (read from `path`) into ruamel's commented containers, whose `.lc` gives every
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
        mapping = CommentedMap()
        mapping._yaml_set_line_col(node.start_mark.line, node.start_mark.column)
        merged: list[yaml.Node] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:  # `<<: *defaults`: explicit keys win
                merged.extend(value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node])
                continue
            key = _convert(key_node, loader)
            key = key if isinstance(key, (str, int, float, bool)) or key is None else str(key)
            mapping[key] = _convert(value_node, loader)
            mapping._yaml_set_kv_line_col(
                key,
                [key_node.start_mark.line, key_node.start_mark.column, value_node.start_mark.line, value_node.start_mark.column],
            )
        for source in merged:
            extra = _convert(source, loader)
            if isinstance(extra, CommentedMap):
                for key, value in extra.items():
                    if key not in mapping:
                        mapping[key] = value
                        mapping._yaml_set_kv_line_col(key, list(extra.lc.data[key]))
        return mapping
    if isinstance(node, yaml.SequenceNode):
        sequence = CommentedSeq(_convert(item, loader) for item in node.value)
        sequence._yaml_set_line_col(node.start_mark.line, node.start_mark.column)
        for index, item in enumerate(node.value):
            sequence._yaml_set_idx_line_col(index, [item.start_mark.line, item.start_mark.column])
        return sequence
    return loader.construct_object(node)


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
