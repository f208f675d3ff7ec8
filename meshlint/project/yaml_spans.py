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
_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BASE_LOADER):  # type: ignore[misc,valid-type]
    """The safe loader, quicker where a property file spends its time: a plain scalar whose first
    character starts no implicit type (a name, a description) is a string without trying each
    resolver's pattern, and there are no path resolvers to track."""

    _typed_starts = frozenset(k for k in _BASE_LOADER.yaml_implicit_resolvers if k)

    _plain_tags: dict[str, str] = {}  # a plain scalar's tag by its text (names and keys repeat)

    def resolve(self, kind: type, value: object, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode and implicit[0] and isinstance(value, str):
            if value and value[0] not in self._typed_starts:
                return "tag:yaml.org,2002:str"
            tag = self._plain_tags.get(value)
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                if len(self._plain_tags) < 50_000:
                    self._plain_tags[value] = tag
            return tag
        return super().resolve(kind, value, implicit)  # type: ignore[no-any-return]

    if not _BASE_LOADER.yaml_path_resolvers and None not in _BASE_LOADER.yaml_implicit_resolvers:

        def descend_resolver(self, current_node: object, current_index: object) -> None:
            return None

        def ascend_resolver(self) -> None:
            return None


_LOADER = _Loader
_MERGE_TAG = "tag:yaml.org,2002:merge"
_STR_TAG = "tag:yaml.org,2002:str"


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


@dataclass(frozen=True)
class YamlBudget:
    """How far one document may go: nesting depth, and values built through aliases (`*name`), each
    use counted in full, so that a kilobyte of nested aliases (a "billion laughs") stops after
    `max_alias_values` values instead of building billions. Both are checked while the document is
    built, not after."""

    max_depth: int = 100
    max_alias_values: int = 100_000


class _OverBudget(Exception):
    def __init__(self, message: str, mark: yaml.Mark) -> None:
        super().__init__(message)
        self.message = message
        self.mark = mark


def load_yaml(path: str, text: str, budget: YamlBudget = YamlBudget()) -> tuple[object, YamlFailure | None]:
    """Parse `text` (read from `path`) into located containers (`YamlMap`, `YamlSeq`) that give every
    key, value and item its line and column; on a syntax error, or past the `budget`, return the
    located failure instead.

    >>> data, failure = load_yaml("x.yml", "models:\\n  - name: a\\n")
    >>> key_location(data, "models", "x.yml"), value_location(data["models"][0], "name", "x.yml")
    (Location(path='x.yml', line=1, column=1), Location(path='x.yml', line=2, column=11))
    >>> load_yaml("x.yml", "a: [1,\\n")[1].location.line
    2
    >>> load_yaml("x.yml", "a: &a [1, 2]\\nb: [*a, *a]\\n", YamlBudget(max_alias_values=5))[1].message
    'YAML aliases expand to more than 5 values (limit `yaml-max-alias-values`)'
    """
    loader = _LOADER(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        # a document without `*` has no alias: it need not pay for counting them
        return _Builder(loader, budget, track_aliases="*" in text).convert(node, 0), None
    except _OverBudget as error:
        return None, YamlFailure(error.message, Location(path, error.mark.line + 1, error.mark.column + 1))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else 1
        column = mark.column + 1 if mark is not None else 1
        problem = error.problem or error.context or "invalid YAML"
        return None, YamlFailure(f"YAML cannot be parsed: {problem}", Location(path, line, column))
    except (yaml.YAMLError, ValueError, TypeError, OverflowError) as error:  # errors without a position, bad scalars
        return None, YamlFailure(f"YAML cannot be parsed: {error}", Location(path, 1, 1))
    finally:
        loader.dispose()


class _Builder:
    """Turns composed nodes into located containers within a budget. The composer shares one node
    between an anchor and its aliases; building a node a second time is an alias being expanded."""

    def __init__(self, loader: yaml.SafeLoader, budget: YamlBudget, track_aliases: bool) -> None:
        self.loader = loader
        self.budget = budget
        self.seen: set[int] | None = set() if track_aliases else None
        self.alias_values = 0

    def convert(self, node: yaml.Node, depth: int) -> object:
        if self.seen is not None:
            if id(node) in self.seen:
                self.alias_values += 1
                if self.alias_values > self.budget.max_alias_values:
                    raise _OverBudget(
                        f"YAML aliases expand to more than {self.budget.max_alias_values} values (limit `yaml-max-alias-values`)",
                        node.start_mark,
                    )
            else:
                self.seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, self._deeper(node, depth))
        if isinstance(node, yaml.SequenceNode):
            depth = self._deeper(node, depth)
            return YamlSeq(
                [self.convert(item, depth) for item in node.value],
                node.start_mark.line,
                node.start_mark.column,
                [(item.start_mark.line, item.start_mark.column) for item in node.value],
            )
        if node.tag == _STR_TAG and isinstance(node, yaml.ScalarNode):
            return node.value  # what the constructor makes of a string, without its bookkeeping
        return self.loader.construct_object(node)

    def _deeper(self, node: yaml.Node, depth: int) -> int:
        if depth >= self.budget.max_depth:
            raise _OverBudget(
                f"YAML nests mappings and lists more than {self.budget.max_depth} deep (limit `yaml-max-depth`)",
                node.start_mark,
            )
        return depth + 1

    def _mapping(self, node: yaml.MappingNode, depth: int) -> YamlMap:
        mapping = YamlMap(node.start_mark.line, node.start_mark.column)
        spans = mapping.spans
        merged: list[yaml.Node] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:  # `<<: *defaults`: explicit keys win
                merged.extend(value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node])
                continue
            key = self.convert(key_node, depth)
            key = key if isinstance(key, (str, int, float, bool)) or key is None else str(key)
            mapping[key] = self.convert(value_node, depth)
            key_mark, value_mark = key_node.start_mark, value_node.start_mark
            spans[key] = (key_mark.line, key_mark.column, value_mark.line, value_mark.column)
        for source in merged:
            extra = self.convert(source, depth)
            if isinstance(extra, YamlMap):
                for key, value in extra.items():
                    if key not in mapping:
                        mapping[key] = value
                        spans[key] = extra.spans[key]
        return mapping


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
